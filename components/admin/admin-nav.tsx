'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/shipping', label: 'Shipping' },
  { href: '/admin/postbacks', label: 'Postbacks' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/collections', label: 'Collections' },
  { href: '/admin/team', label: 'Team' },
];

export function AdminNav() {
  const path = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {LINKS.map(({ href, label }) => {
        const current = href === '/admin' ? path === href : path.startsWith(href);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? 'page' : undefined}
              className={`inline-flex rounded-lg px-3 py-2 text-sm font-medium ${current ? 'bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
