import { notFound } from 'next/navigation';

// An unknown path in a language: its 404 in that language and the shop's frame ([locale]/not-found.tsx).
export default function CatchAll() {
  notFound();
}
