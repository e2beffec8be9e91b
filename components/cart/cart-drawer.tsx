'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { OPEN_CART_DRAWER } from '@/components/cart/open-cart-drawer';

/**
 * The header's cart link and the slide-over cart it opens: a native modal <dialog>, so the page
 * behind is inert, focus stays inside, Escape closes it and focus returns to what opened it.
 * Without JavaScript the link simply goes to the cart page. The contents are rendered on the server and
 * refreshed with every cart change; they are mounted only while the drawer is open.
 */
export function CartDrawer({
  href,
  title,
  closeLabel,
  link,
  children,
}: {
  /** The cart page in the page's language. */
  href: string;
  title: string;
  closeLabel: string;
  link: ReactNode;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const show = (event: Event) => {
      returnTo.current = (event as CustomEvent<HTMLElement | null>).detail;
      setOpen(true);
    };
    window.addEventListener(OPEN_CART_DRAWER, show);
    return () => window.removeEventListener(OPEN_CART_DRAWER, show);
  }, []);

  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
  }, [open]);

  function openFromLink(event: MouseEvent<HTMLAnchorElement>) {
    // A new tab, or the cart page itself, keeps the link's own behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0 || location.pathname === href) return;
    event.preventDefault();
    returnTo.current = event.currentTarget;
    setOpen(true);
  }

  function closed() {
    setOpen(false);
    // The dialog gives focus back to what was focused when it opened; a button disabled while its
    // form was sent had lost it, so focus goes back to it by hand.
    if (returnTo.current?.isConnected) returnTo.current.focus();
    returnTo.current = null;
  }

  function closeOnOutsideOrLink(event: MouseEvent<HTMLDialogElement>) {
    const target = event.target as Element;
    // A click on the backdrop lands on the dialog itself; a followed link leaves the drawer behind.
    if (target === dialog.current || target.closest('a')) dialog.current?.close();
  }

  return (
    <>
      <Link
        href={href}
        onClick={openFromLink}
        aria-haspopup="dialog"
        data-testid="cart-link"
        className="inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        {link}
      </Link>
      <dialog
        ref={dialog}
        aria-labelledby="cart-drawer-title"
        data-testid="cart-drawer"
        onClose={closed}
        onClick={closeOnOutsideOrLink}
        className="m-0 ml-auto h-dvh max-h-dvh w-full max-w-md bg-white text-zinc-900 shadow-2xl backdrop:bg-zinc-950/50 dark:bg-zinc-950 dark:text-zinc-100"
      >
        {open && (
          <div className="flex h-full flex-col">
            <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
              <h2 id="cart-drawer-title" className="text-lg font-semibold">
                {title}
              </h2>
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                aria-label={closeLabel}
                data-testid="cart-drawer-close"
                className="rounded-lg px-3 py-1.5 text-2xl leading-none hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                ×
              </button>
            </div>
            {children}
          </div>
        )}
      </dialog>
    </>
  );
}
