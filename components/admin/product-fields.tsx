import { CheckboxField, Field } from '@/components/admin/action-form';
import type { AdminProduct } from '@/lib/catalog-admin';
import { minorToDecimalString } from '@/lib/money';

/** The fields of the product form, for a new product or an existing one. */
export function ProductFields({ product, currency }: { product?: AdminProduct; currency: string }) {
  return (
    <>
      <Field name="name" label="Name" required maxLength={120} defaultValue={product?.name} />
      <Field name="slug" label="Address name" required maxLength={100} defaultValue={product?.slug} hint="The product page is /products/<address name>." />
      <Field name="description" label="Description" required multiline maxLength={5000} defaultValue={product?.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="price"
          label={`Price (${currency})`}
          required
          inputMode="decimal"
          defaultValue={product ? minorToDecimalString(product.priceMinor, product.currency) : undefined}
        />
        <Field name="stock" label="In stock" required inputMode="numeric" defaultValue={product ? String(product.stock) : '0'} />
      </div>
      <Field name="image" label="Image" required maxLength={2000} defaultValue={product?.image ?? '/products/'} hint="A path on this shop (/products/mug.svg) or an https:// address." />
      <CheckboxField name="active" label="On sale (shown in the shop)" defaultChecked={product?.active ?? true} />
    </>
  );
}
