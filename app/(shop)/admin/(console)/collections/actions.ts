'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/auth';
import { catalogChanged } from '@/lib/catalog-cache';
import { collectionInputSchema, updateCollection } from '@/lib/collections-admin';
import { collectionTranslationInputSchema, translateCollection } from '@/lib/translations';

/** A collection's name and description in the default language: the menu and its page show them at once. */
export const updateCollectionAction = adminAction(
  collectionInputSchema,
  async (input, admin) => {
    const saved = await updateCollection(admin, input);
    if (!saved.ok) return { ok: false, message: saved.error.message };
    if (saved.value.changed.length === 0) return { ok: true, message: 'Nothing changed.' };
    revalidatePath('/admin/collections', 'layout');
    catalogChanged();
    revalidatePath('/', 'layout');
    return { ok: true, message: `Saved (${saved.value.changed.join(', ')}). The shop shows it now.` };
  },
  { fields: ['name', 'description'] },
);

/** A collection's name and description in another language (both empty: the default language's show). */
export const translateCollectionAction = adminAction(
  collectionTranslationInputSchema,
  async (input, admin) => {
    const saved = await translateCollection(admin, input);
    if (!saved.ok) return { ok: false, message: saved.error.message };
    if (saved.value.changed.length === 0) return { ok: true, message: 'Nothing changed.' };
    revalidatePath('/admin/collections', 'layout');
    catalogChanged();
    revalidatePath('/', 'layout');
    return { ok: true, message: `Saved (${saved.value.changed.join(', ')}). Buyers in this language see it now.` };
  },
  { fields: ['name', 'description'] },
);
