import { createTranslator } from 'use-intl/core';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/i18n/routing';
import type en from '@/messages/en.json';

/** The shape of every message file: English is the reference (tests/unit/i18n-messages.test.ts). */
export type Messages = typeof en;

/** A supported locale for any string; anything else is the default language. */
export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

/** One language's messages, read from `messages/<locale>.json`. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await import(`../../messages/${locale}.json`)).default as Messages;
}

/** A translator of one namespace, as `translator()` returns it. */
export type Translator<N extends keyof Messages> = ReturnType<typeof createTranslator<Messages, N>>;

/**
 * Translations outside a request (emails, rendered when an order changes, by whichever process
 * does it): the same messages and ICU formatting next-intl gives pages, in the given language.
 */
export async function translator<N extends keyof Messages>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: await loadMessages(locale), namespace, timeZone: 'UTC' });
}

/**
 * An option's name ("Size") in a language, from the `optionNames` messages keyed by its query
 * parameter ("size"); a name without a message stays as the merchant wrote it.
 */
export async function optionNameIn(locale: Locale): Promise<(name: string) => string> {
  const names: Record<string, string> = (await loadMessages(locale)).optionNames;
  return (name) => names[name.toLowerCase().replace(/[^a-z0-9]+/g, '')] ?? name;
}
