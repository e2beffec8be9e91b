'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { adminAction } from '@/lib/auth';
import { catalogChanged } from '@/lib/catalog-cache';
import {
  createProduct,
  productInputSchema,
  productUpdateSchema,
  updateProduct,
  updateVariant,
  variantUpdateSchema,
} from '@/lib/catalog-admin';
import { addLicenseKeys, licenseKeysInputSchema } from '@/lib/fulfilment';
import { productTranslationInputSchema, translateProduct } from '@/lib/translations';

const FIELDS = ['name', 'slug', 'description', 'price', 'stock', 'active', 'image', 'kind', 'deliverable', 'fileKey', 'fileName'] as const;

/** The fields as typed, so a form refused after validation (slug taken) keeps them. */
const typed = (formData: FormData) =>
  Object.fromEntries(FIELDS.flatMap((f) => (typeof formData.get(f) === 'string' ? [[f, String(formData.get(f))]] : [])));

/** What buyers see of a product, refreshed at once after a change. */
function revalidateStorefront(...slugs: string[]) {
  catalogChanged();
  revalidatePath('/');
  for (const slug of new Set(slugs)) revalidatePath(`/products/${slug}`);
  revalidatePath('/sitemap.xml');
  revalidatePath('/admin/products');
}

export const createProductAction = adminAction(
  productInputSchema,
  async (input, admin, formData) => {
    const created = await createProduct(admin, input);
    if (!created.ok)
      return {
        ok: false,
        fieldErrors: { [created.error.kind === 'file-missing' ? 'fileKey' : 'slug']: created.error.message },
        values: typed(formData),
      };
    revalidateStorefront(created.value.slug);
    redirect(`/admin/products/${created.value.id}?saved=1`);
  },
  { fields: FIELDS },
);

export const updateProductAction = adminAction(
  productUpdateSchema,
  async ({ id, ...input }, admin, formData) => {
    const updated = await updateProduct(admin, id, input);
    if (!updated.ok) {
      return updated.error.kind === 'not-found'
        ? { ok: false, message: updated.error.message }
        : {
            ok: false,
            fieldErrors: { [updated.error.kind === 'file-missing' ? 'fileKey' : 'slug']: updated.error.message },
            values: typed(formData),
          };
    }
    if (updated.value.changed.length === 0) return { ok: true, message: 'Nothing changed.' };
    revalidateStorefront(updated.value.slug, updated.value.previousSlug);
    revalidatePath(`/admin/products/${id}`);
    return { ok: true, message: `Saved (${updated.value.changed.join(', ')}). The shop shows it now.` };
  },
  { fields: FIELDS },
);

export const updateVariantAction = adminAction(
  variantUpdateSchema,
  async (input, admin, formData) => {
    const updated = await updateVariant(admin, input);
    if (!updated.ok) return { ok: false, message: updated.error.message };
    const { productId, slug, sku, changed } = updated.value;
    if (changed.length === 0) return { ok: true, message: `${sku}: nothing changed.` };
    revalidateStorefront(slug);
    revalidatePath(`/admin/products/${productId}`);
    return {
      ok: true,
      message: `${sku} saved (${changed.join(', ')}).`,
      values: { stock: String(formData.get('stock')), price: String(formData.get('price')) },
    };
  },
  { fields: ['stock', 'price'] },
);

export const addLicenseKeysAction = adminAction(
  z.object({
    id: z
      .string()
      .regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.')
      .transform(Number),
    keys: licenseKeysInputSchema,
  }),
  async ({ id, keys }, admin) => {
    const added = await addLicenseKeys(admin, id, keys);
    if (!added.ok) return { ok: false, message: added.error.message };
    revalidatePath(`/admin/products/${id}`);
    revalidatePath('/');
    const { added: n, skipped } = added.value;
    return {
      ok: true,
      message: `${n} key${n === 1 ? '' : 's'} added${skipped ? `; ${skipped} already in the pool were skipped` : ''}. Stock went up by ${n}.`,
    };
  },
  { fields: ['keys'] },
);

/** A product's name and description in another language (empty: the default language's show). */
export const translateProductAction = adminAction(
  productTranslationInputSchema,
  async (input, admin) => {
    const saved = await translateProduct(admin, input);
    if (!saved.ok) return { ok: false, message: saved.error.message };
    if (saved.value.changed.length === 0) return { ok: true, message: 'Nothing changed.' };
    revalidatePath(`/admin/products/${input.id}`);
    catalogChanged();
    revalidatePath('/', 'layout');
    return { ok: true, message: `Saved (${saved.value.changed.join(', ')}). Emails in this language use it now.` };
  },
  { fields: ['name', 'description'] },
);
