import { MAX_QUERY_LENGTH } from '@/lib/catalog-params';

/**
 * A product search as a plain GET form: it works without JavaScript, and the result's URL
 * (/search?q=…) is the search, to share or to come back to.
 */
export function SearchForm({ label, defaultValue = '', className = '' }: { label: string; defaultValue?: string; className?: string }) {
  return (
    <form action="/search" method="get" role="search" aria-label={label} className={`flex min-w-0 items-center gap-2 ${className}`}>
      <label className="min-w-0 flex-1">
        <span className="sr-only">Search products</span>
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="Search products"
          autoComplete="off"
          enterKeyHint="search"
          className="block w-full min-w-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-brand-500 focus:outline-2 focus:outline-brand-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
        />
      </label>
      <button
        type="submit"
        className="shrink-0 rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Search
      </button>
    </form>
  );
}
