'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { adminAction } from '@/lib/auth';
import { createProduct, productInputSchema, updateProduct } from '@/lib/catalog-admin';

const FIELDS = ['name', 'slug', 'description', 'price', 'stock', 'active', 'image'] as const;

/** The fields as typed, so a form refused after validation (slug taken) keeps them. */
const typed = (formData: FormData) => Object.fromEntries(FIELDS.flatMap((f) => (typeof formData.get(f) === 'string' ? [[f, String(formData.get(f))]] : [])));

/** What buyers see of a product, refreshed at once after a change. */
function revalidateStorefront(...slugs: string[]) {
  revalidatePath('/');
  for (const slug of new Set(slugs)) revalidatePath(`/products/${slug}`);
  revalidatePath('/sitemap.xml');
  revalidatePath('/admin/products');
}

export const createProductAction = adminAction(
  productInputSchema,
  async (input, admin, formData) => {
    const created = await createProduct(admin, input);
    if (!created.ok) return { ok: false, fieldErrors: { slug: created.error.message }, values: typed(formData) };
    revalidateStorefront(created.value.slug);
    redirect(`/admin/products/${created.value.id}?saved=1`);
  },
  { fields: FIELDS },
);

export const updateProductAction = adminAction(
  productInputSchema.extend({ id: z.string().regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.').transform(Number) }),
  async ({ id, ...input }, admin, formData) => {
    const updated = await updateProduct(admin, id, input);
    if (!updated.ok) {
      return updated.error.kind === 'slug-taken'
        ? { ok: false, fieldErrors: { slug: updated.error.message }, values: typed(formData) }
        : { ok: false, message: updated.error.message };
    }
    if (updated.value.changed.length === 0) return { ok: true, message: 'Nothing changed.' };
    revalidateStorefront(updated.value.slug, updated.value.previousSlug);
    revalidatePath(`/admin/products/${id}`);
    return { ok: true, message: `Saved (${updated.value.changed.join(', ')}). The shop shows it now.` };
  },
  { fields: FIELDS },
);
