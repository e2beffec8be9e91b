// Choosing a variant from a product page's query string, and the picker's state for each value.
// Pure functions (no database): the product page, the cart and the tests share them.

export interface OptionDef {
  name: string;
  values: string[];
}

export interface VariantDef {
  id: number;
  sku: string;
  options: Record<string, string>;
  stock: number;
}

/** The query-string key of an option: its name in lower case, letters and digits only ("Size" → size). */
export function optionParam(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * "Size: M", or "Size: M / Colour: Black", in the product's option order. `nameOf` gives an
 * option's name in the buyer's language ("Размер: M"); the stored name by default.
 */
export function variantLabel(
  options: readonly OptionDef[],
  values: Record<string, string>,
  nameOf: (name: string) => string = (name) => name,
): string {
  return options
    .filter((o) => values[o.name] !== undefined)
    .map((o) => `${nameOf(o.name)}: ${values[o.name]}`)
    .join(' / ');
}

/** A stored label ("Size: M / Colour: Black", as `variantLabel` wrote it) with its option names in another language. */
export function relabel(label: string, nameOf: (name: string) => string): string {
  return label
    .split(' / ')
    .map((part) => {
      const at = part.indexOf(': ');
      return at < 0 ? part : `${nameOf(part.slice(0, at))}${part.slice(at)}`;
    })
    .join(' / ');
}

type Query = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * What the buyer picked: `?variant=SKU` picks every option at once; otherwise each option's own
 * parameter (`?size=M`). Values a product does not have are dropped, so a hand-edited URL shows the
 * picker with nothing chosen rather than an error. The variant is set once every option is chosen
 * and that combination exists.
 */
export function selectVariant<V extends VariantDef>(
  options: readonly OptionDef[],
  variants: readonly V[],
  query: Query,
): { selection: Record<string, string>; variant: V | null } {
  const sku = first(query.variant);
  const bySku = sku ? variants.find((v) => v.sku === sku) : undefined;
  if (bySku) return { selection: { ...bySku.options }, variant: bySku };
  const selection: Record<string, string> = {};
  for (const o of options) {
    const value = first(query[optionParam(o.name)]);
    if (value !== undefined && o.values.includes(value)) selection[o.name] = value;
  }
  const complete = options.length > 0 && options.every((o) => selection[o.name] !== undefined);
  const variant = complete ? (variants.find((v) => matches(v, selection)) ?? null) : null;
  return { selection, variant };
}

function matches(v: VariantDef, selection: Record<string, string>): boolean {
  return Object.entries(selection).every(([name, value]) => v.options[name] === value);
}

export type PickerState = 'available' | 'sold-out' | 'unavailable';

export interface PickerValue {
  value: string;
  /** The query string that picks this value, keeping the other options as they are. */
  query: string;
  selected: boolean;
  /** `unavailable`: no variant has this value with the other options chosen; `sold-out`: every one that has it is out of stock. */
  state: PickerState;
}

export interface PickerOption {
  name: string;
  param: string;
  values: PickerValue[];
}

/** Each option's values with the state they would have if picked next to the current selection. */
export function buildPicker(
  options: readonly OptionDef[],
  variants: readonly VariantDef[],
  selection: Record<string, string>,
): PickerOption[] {
  return options.map((o) => ({
    name: o.name,
    param: optionParam(o.name),
    values: o.values.map((value) => {
      const next = { ...selection, [o.name]: value };
      const candidates = variants.filter((v) => matches(v, next));
      const state: PickerState = candidates.length === 0 ? 'unavailable' : candidates.some((v) => v.stock > 0) ? 'available' : 'sold-out';
      const query = new URLSearchParams(options.filter((x) => next[x.name] !== undefined).map((x) => [optionParam(x.name), next[x.name]!]));
      return { value, query: query.toString(), selected: selection[o.name] === value, state };
    }),
  }));
}

/** The stock hint next to the price: a low count is worth saying, a large one is not. */
export function stockHint(stock: number): string | null {
  const level = stockLevel(stock);
  return level === 'sold-out' ? 'Sold out' : level === 'low' ? `Only ${stock} left` : null;
}

/** Whether a stock count is worth telling the buyer: none left, a few left, or (null) plenty. */
export function stockLevel(stock: number): 'sold-out' | 'low' | null {
  if (stock <= 0) return 'sold-out';
  if (stock <= 5) return 'low';
  return null;
}
