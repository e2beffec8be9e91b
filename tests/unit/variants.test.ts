import { describe, expect, it } from 'vitest';
import { buildPicker, optionParam, selectVariant, stockHint, variantLabel } from '@/lib/variants';

const options = [
  { name: 'Size', values: ['S', 'M', 'L'] },
  { name: 'Colour', values: ['Black', 'Sand'] },
];
const variants = [
  { id: 1, sku: 'T-S-BLK', options: { Size: 'S', Colour: 'Black' }, stock: 0 },
  { id: 2, sku: 'T-M-BLK', options: { Size: 'M', Colour: 'Black' }, stock: 4 },
  { id: 3, sku: 'T-M-SND', options: { Size: 'M', Colour: 'Sand' }, stock: 9 },
  { id: 4, sku: 'T-L-BLK', options: { Size: 'L', Colour: 'Black' }, stock: 2 },
];

describe('selectVariant', () => {
  it('picks the variant once every option is chosen, from the options’ parameters or the SKU', () => {
    expect(selectVariant(options, variants, { size: 'M', colour: 'Sand' }).variant?.sku).toBe('T-M-SND');
    expect(selectVariant(options, variants, { variant: 'T-L-BLK' })).toEqual({
      selection: { Size: 'L', Colour: 'Black' },
      variant: variants[3],
    });
    expect(selectVariant(options, variants, { size: 'M' })).toEqual({ selection: { Size: 'M' }, variant: null });
  });

  it('drops values the product does not have and combinations no variant is', () => {
    expect(selectVariant(options, variants, { size: 'XXL', colour: 'Black' })).toEqual({ selection: { Colour: 'Black' }, variant: null });
    expect(selectVariant(options, variants, { size: 'L', colour: 'Sand' }).variant).toBeNull();
    expect(selectVariant(options, variants, { variant: 'NOPE', size: ['S', 'M'] }).selection).toEqual({ Size: 'S' });
    expect(selectVariant([], [], { size: 'M' })).toEqual({ selection: {}, variant: null });
  });
});

describe('buildPicker', () => {
  it('marks sold-out and unavailable values against the current choice, and links keep the other option', () => {
    const picker = buildPicker(options, variants, { Colour: 'Black' });
    expect(picker[0]!.values.map((v) => [v.value, v.state, v.query])).toEqual([
      ['S', 'sold-out', 'size=S&colour=Black'],
      ['M', 'available', 'size=M&colour=Black'],
      ['L', 'available', 'size=L&colour=Black'],
    ]);
    const withL = buildPicker(options, variants, { Size: 'L' });
    expect(withL[1]!.values.map((v) => [v.value, v.state, v.selected])).toEqual([
      ['Black', 'available', false],
      ['Sand', 'unavailable', false],
    ]);
    expect(buildPicker(options, variants, { Size: 'M' })[0]!.values.find((v) => v.selected)?.value).toBe('M');
  });
});

describe('labels and hints', () => {
  it('labels in option order and names the parameter', () => {
    expect(variantLabel(options, { Colour: 'Sand', Size: 'M' })).toBe('Size: M / Colour: Sand');
    expect(optionParam('Strap Length')).toBe('straplength');
  });

  it('says the stock only when it is low or gone', () => {
    expect(stockHint(0)).toBe('Sold out');
    expect(stockHint(3)).toBe('Only 3 left');
    expect(stockHint(6)).toBeNull();
  });
});
