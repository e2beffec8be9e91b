import { Price } from '@/components/product/price';
import type { OrderItemLine } from '@/lib/orders/queries';

/** One line of an order as bought (see `orderItemsOf`). */
export type OrderItemRow = OrderItemLine;

/** An order's lines as a table body (quantity × unit price, line total): the buyer's page and the back office. */
export function OrderItemRows({ items, currency }: { items: OrderItemRow[]; currency: string }) {
  return (
    <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {items.map((item) => (
        <tr key={`${item.productId}:${item.sku ?? ''}`} data-testid="order-item">
          <td className="py-2">
            <span className="flex items-center gap-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
              <img src={item.image} alt="" width={48} height={48} className="size-12 shrink-0 rounded-md object-cover" />
              <span>
                <span className="block">{item.name}</span>
                {item.variantLabel && (
                  <span className="block text-zinc-600 dark:text-zinc-400" data-testid="order-item-variant">
                    {item.variantLabel}
                  </span>
                )}
              </span>
            </span>
          </td>
          <td className="py-2 text-zinc-600 dark:text-zinc-400">
            {item.quantity} × <Price minor={item.unitPriceMinor} currency={currency} />
          </td>
          <td className="py-2 text-right font-medium">
            <Price minor={item.lineTotalMinor} currency={currency} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
