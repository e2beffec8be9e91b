import { describe, expect, it } from 'vitest';
import { listingHref, MAX_QUERY_LENGTH, parseListingParams } from '@/lib/catalog-params';

describe('listing query string', () => {
  it('defaults to featured without a search and to relevance with one', () => {
    expect(parseListingParams({}, { search: false })).toMatchObject({ q: '', sort: 'featured', shortened: false });
    expect(parseListingParams({ q: 'mug' }, { search: true })).toMatchObject({ q: 'mug', sort: 'relevance' });
    expect(parseListingParams({ q: 'mug' }, { search: true }).sorts).toEqual([
      'featured',
      'relevance',
      'newest',
      'price-asc',
      'price-desc',
    ]);
    expect(parseListingParams({}, { search: true }).sorts).not.toContain('relevance');
  });

  it('takes the known sorts and falls back to the default for anything else', () => {
    expect(parseListingParams({ sort: 'price-desc' }, { search: false }).sort).toBe('price-desc');
    expect(parseListingParams({ q: 'x', sort: 'newest' }, { search: true }).sort).toBe('newest');
    for (const bad of ['cheapest', '', 'PRICE-ASC', 'x'.repeat(10_000), '__proto__', 'constructor']) {
      expect(parseListingParams({ sort: bad }, { search: false }).sort, bad).toBe('featured');
      expect(parseListingParams({ q: 'mug', sort: bad }, { search: true }).sort, bad).toBe('relevance');
    }
    // Relevance means nothing without a search.
    expect(parseListingParams({ sort: 'relevance' }, { search: true }).sort).toBe('featured');
    expect(parseListingParams({ sort: 'relevance', q: 'x' }, { search: false }).sort).toBe('featured');
  });

  it('reads the first of repeated parameters', () => {
    expect(parseListingParams({ q: ['socks', 'mug'], sort: ['price-asc', 'newest'] }, { search: true })).toMatchObject({
      q: 'socks',
      sort: 'price-asc',
    });
  });

  it('cleans the search: control characters, runs of white space, ends', () => {
    expect(parseListingParams({ q: '  steel\u0000\tplate\n\u200b ' }, { search: true }).q).toBe('steel plate');
    expect(parseListingParams({ q: '   ' }, { search: true })).toMatchObject({ q: '', sort: 'featured' });
    expect(parseListingParams({ q: '\ud800mug' }, { search: true }).q).toBe('\ufffdmug');
    // Listings without a search box ignore q altogether.
    expect(parseListingParams({ q: 'mug' }, { search: false }).q).toBe('');
  });

  it('cuts an over-long search to its first characters and says so', () => {
    const long = parseListingParams({ q: 'hoodie '.repeat(2_000) }, { search: true });
    expect(long.shortened).toBe(true);
    expect(Array.from(long.q).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(long.q.startsWith('hoodie hoodie')).toBe(true);
    // Counted in characters, not UTF-16 units: an emoji is not cut in half.
    const emoji = parseListingParams({ q: '🧦'.repeat(MAX_QUERY_LENGTH + 1) }, { search: true });
    expect(emoji).toMatchObject({ q: '🧦'.repeat(MAX_QUERY_LENGTH), shortened: true });
    expect(parseListingParams({ q: 'a'.repeat(MAX_QUERY_LENGTH) }, { search: true }).shortened).toBe(false);
  });

  it('builds links that leave the defaults out', () => {
    expect(listingHref('/', { sort: 'featured' })).toBe('/');
    expect(listingHref('/collections/home', { sort: 'price-asc' })).toBe('/collections/home?sort=price-asc');
    expect(listingHref('/search', { q: 'steel plate', sort: 'relevance' })).toBe('/search?q=steel+plate');
    expect(listingHref('/search', { q: 'a&b', sort: 'newest' })).toBe('/search?q=a%26b&sort=newest');
  });
});

describe('listing page number', () => {
  it('reads a page from 1 to MAX_PAGE and takes page 1 for anything else', async () => {
    const { MAX_PAGE } = await import('@/lib/catalog-params');
    expect(parseListingParams({}, { search: false }).page).toBe(1);
    expect(parseListingParams({ page: '3' }, { search: false }).page).toBe(3);
    expect(parseListingParams({ page: ['2', '9'] }, { search: true }).page).toBe(2);
    expect(parseListingParams({ page: String(MAX_PAGE) }, { search: false }).page).toBe(MAX_PAGE);
    for (const bad of ['0', '-1', '1.5', '1e3', '٣', ' 2', '0x10', String(MAX_PAGE + 1), '99999999999999999999', '', 'x']) {
      expect(parseListingParams({ page: bad }, { search: false }).page, bad).toBe(1);
    }
  });

  it('puts the page in the link only after the first', () => {
    expect(listingHref('/', { sort: 'featured', page: 1 })).toBe('/');
    expect(listingHref('/', { sort: 'featured', page: 2 })).toBe('/?page=2');
    expect(listingHref('/search', { q: 'mug', sort: 'newest', page: 3 })).toBe('/search?q=mug&sort=newest&page=3');
  });
});
