import { CheckboxField, Field, SelectField } from '@/components/admin/action-form';
import type { AdminProduct } from '@/lib/catalog-admin';
import { minorToDecimalString } from '@/lib/money';

/** The fields of the product form, for a new product or an existing one. */
export function ProductFields({
  product,
  currency,
  hasVariants = false,
}: {
  product?: AdminProduct;
  currency: string;
  hasVariants?: boolean;
}) {
  return (
    <>
      <Field name="name" label="Name" required maxLength={120} defaultValue={product?.name} />
      <Field
        name="slug"
        label="Address name"
        required
        maxLength={100}
        defaultValue={product?.slug}
        hint="The product page is /products/<address name>."
      />
      <Field name="description" label="Description" required multiline maxLength={5000} defaultValue={product?.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="price"
          label={`Price (${currency})`}
          required
          inputMode="decimal"
          defaultValue={product ? minorToDecimalString(product.priceMinor, product.currency) : undefined}
        />
        <Field
          name="stock"
          label="In stock"
          required
          inputMode="numeric"
          defaultValue={product ? String(product.stock) : '0'}
          readOnly={hasVariants}
          hint={
            hasVariants
              ? 'The variants’ stock together: change it per variant below.'
              : product?.deliverable === 'license_key'
                ? 'Uploading keys adds one unit per key.'
                : undefined
          }
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="kind"
          label="Kind"
          defaultValue={product?.kind ?? 'physical'}
          options={[
            { value: 'physical', label: 'Physical: shipped to an address' },
            { value: 'digital', label: 'Digital: delivered on payment' },
          ]}
        />
        <SelectField
          name="deliverable"
          label="A digital product delivers"
          defaultValue={product?.deliverable ?? 'file'}
          hint="Ignored for physical products."
          options={[
            { value: 'file', label: 'A file to download' },
            { value: 'license_key', label: 'A license key from its pool' },
          ]}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="fileKey"
          label="File in storage"
          maxLength={300}
          defaultValue={product?.fileKey ?? undefined}
          hint="For a file: its name in the storage folder (storage/digital), e.g. field-guide.pdf."
        />
        <Field
          name="fileName"
          label="Download saved as"
          maxLength={200}
          defaultValue={product?.fileName ?? undefined}
          hint="For a file: the name the buyer’s download gets."
        />
      </div>
      <Field
        name="image"
        label="Image"
        required
        maxLength={2000}
        defaultValue={product?.image ?? '/products/'}
        hint="A path on this shop (/products/mug.svg) or an https:// address."
      />
      <CheckboxField name="active" label="On sale (shown in the shop)" defaultChecked={product?.active ?? true} />
    </>
  );
}
