import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db } from './types';
import { collectionTranslations, collections, productTranslations, products, shippingOptionTranslations, shippingOptions } from './schema';

// The demo catalog in the shop's other languages, keyed by product slug and by the shipping
// option's default-language name. A third language is one more entry per map.

type ProductTexts = Record<string, { name: string; description: string }>;

export const DEMO_PRODUCT_TRANSLATIONS: Record<string, ProductTexts> = {
  ru: {
    'cold-storage-steel-plate': {
      name: 'Стальная пластина для холодного хранения',
      description:
        'Пластина из нержавеющей стали 316 для выбивания сид-фразы из 24 слов. Выдерживает огонь до 1400 °C, наводнения и годы. Набор пуансонов в комплекте.',
    },
    'genesis-block-hoodie': {
      name: 'Худи «Генезис-блок»',
      description: 'Плотное худи из органического хлопка с заголовком генезис-блока, напечатанным в тон по левому рукаву. Унисекс.',
    },
    'block-height-wall-clock': {
      name: 'Настенные часы «Высота блока»',
      description:
        'Тихие настенные часы с плавным ходом, циферблат отсчитывает десятиминутные блоки. Рамка из ореха, 30 см, одна батарейка AA.',
    },
    'whitepaper-poster': {
      name: 'Постер «Вайтпейпер»',
      description: 'Девять страниц вайтпейпера 2008 года на одном постере 50 × 70 см, печать на матовой архивной бумаге 200 г.',
    },
    'node-runner-mug': {
      name: 'Кружка «Держатель ноды»',
      description: 'Керамическая кружка 350 мл для тех, кто держит полную ноду. Можно в посудомоечную машину и микроволновку.',
    },
    'faraday-wallet-pouch': {
      name: 'Экранирующий чехол Фарадея',
      description:
        'Чехол из вощёного холста с экранирующей подкладкой: вмещает аппаратный кошелёк, телефон и стальную пластину с резервной копией.',
    },
    'lightning-enamel-pin-set': {
      name: 'Набор значков Lightning',
      description: 'Три значка из твёрдой эмали с резиновыми застёжками: молния, канал и узел маршрутизации. Позолота.',
    },
    'hash-rate-notebook': {
      name: 'Блокнот «Хешрейт»',
      description:
        'Блокнот A5 в точку, 192 пронумерованные страницы бумаги 100 г, раскрывается плоско, обложка с сотами из переработанного картона.',
    },
    'merkle-tree-socks': {
      name: 'Носки «Дерево Меркла»',
      description: 'Носки из чёсаного хлопка с узором двоичного хеш-дерева. Две пары, размеры 39–46.',
    },
    'halving-anniversary-print': {
      name: 'Принт к годовщине халвинга',
      description: 'Подписанный нумерованный ризограф с прошлого халвинга. Распродан, хранится в архиве.',
    },
    'self-custody-field-guide': {
      name: 'Полевое руководство по самостоятельному хранению (электронная книга)',
      description:
        'Короткий PDF о хранении собственных ключей: резервные копии на бумаге и стали, пробные восстановления, планы наследования и самые дорогие ошибки. Скачивание сразу после оплаты.',
    },
    'mempool-desk-license': {
      name: 'Лицензионный ключ Mempool Desk',
      description:
        'Лицензия на одно рабочее место для Mempool Desk, настольной программы слежения за комиссиями для вашей ноды. Ключ придёт на почту и появится на странице заказа сразу после подтверждения оплаты.',
    },
  },
};

export const DEMO_SHIPPING_TRANSLATIONS: Record<string, Record<string, string>> = {
  ru: {
    'Standard (EU and UK)': 'Стандартная (ЕС и Великобритания)',
    'Standard (US and Canada)': 'Стандартная (США и Канада)',
    'Express (US)': 'Экспресс (США)',
    'Worldwide tracked': 'По всему миру с отслеживанием',
  },
};

export const DEMO_COLLECTION_TRANSLATIONS: Record<string, ProductTexts> = {
  ru: {
    apparel: { name: 'Одежда', description: 'Что надеть на митап: плотный хлопок, спокойные принты и значки на куртку.' },
    accessories: {
      name: 'Аксессуары',
      description: 'На каждый день для тех, кто сам хранит свои ключи: стальные бэкапы, экранирующие чехлы и спутники для стола.',
    },
    digital: {
      name: 'Цифровые товары',
      description: 'Приходят в момент подтверждения оплаты: файл или лицензионный ключ, ничего не нужно отправлять.',
    },
    home: {
      name: 'Для дома',
      description: 'Для стола и стены рядом с нодой: принты, часы, считающие блоки, и кружка, которая не отстаёт.',
    },
  },
};

/**
 * Translations of the demo catalog, for products and options that still carry the demo's own
 * name (a renamed product is the merchant's now). Never overwrites a stored translation.
 */
export async function seedTranslations(
  db: Db,
  demoNames: { products: Record<string, string>; collections: Record<string, string> },
): Promise<void> {
  for (const [locale, texts] of Object.entries(DEMO_COLLECTION_TRANSLATIONS)) {
    const rows = await db
      .select({ id: collections.id, slug: collections.slug, name: collections.name })
      .from(collections)
      .where(inArray(collections.slug, Object.keys(texts)));
    const values = rows
      .filter((c) => demoNames.collections[c.slug] === c.name)
      .map((c) => ({ collectionId: c.id, locale, name: texts[c.slug]!.name, description: texts[c.slug]!.description }));
    if (values.length > 0) await db.insert(collectionTranslations).values(values).onConflictDoNothing();
  }
  for (const [locale, texts] of Object.entries(DEMO_PRODUCT_TRANSLATIONS)) {
    const rows = await db
      .select({ id: products.id, slug: products.slug, name: products.name })
      .from(products)
      .where(inArray(products.slug, Object.keys(texts)));
    const values = rows
      .filter((p) => demoNames.products[p.slug] === p.name)
      .map((p) => ({ productId: p.id, locale, name: texts[p.slug]!.name, description: texts[p.slug]!.description }));
    if (values.length > 0) await db.insert(productTranslations).values(values).onConflictDoNothing();
  }
  for (const [locale, names] of Object.entries(DEMO_SHIPPING_TRANSLATIONS)) {
    const rows = await db
      .select({ id: shippingOptions.id, name: shippingOptions.name })
      .from(shippingOptions)
      .where(inArray(shippingOptions.name, Object.keys(names)));
    const values = rows.map((o) => ({ shippingOptionId: o.id, locale, name: names[o.name]! }));
    if (values.length > 0) await db.insert(shippingOptionTranslations).values(values).onConflictDoNothing();
  }
}
