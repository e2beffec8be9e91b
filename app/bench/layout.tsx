import type { ReactNode } from 'react';
import { Document } from '@/components/layout/document';
import { DEFAULT_LOCALE } from '@/i18n/routing';

/** The benchmark's baseline pages: the same document as every page, nothing more. */
export default function BenchLayout({ children }: { children: ReactNode }) {
  return <Document locale={DEFAULT_LOCALE}>{children}</Document>;
}
