// The cart drawer listens for this event on window: "Add to cart" opens it without sharing state.
export const OPEN_CART_DRAWER = 'cart-drawer:open';

/** Open the drawer; `returnTo` gets focus back when it closes (the button may have been disabled meanwhile). */
export function openCartDrawer(returnTo?: HTMLElement | null) {
  window.dispatchEvent(new CustomEvent<HTMLElement | null>(OPEN_CART_DRAWER, { detail: returnTo ?? null }));
}
