import { describe, expect, it } from 'vitest';
import { localizeActionState, localizeFormMessage } from '@/lib/i18n/form-messages';

// The buyer's form answers in the page's language: the domain's English refusals are recognised by
// their template in messages/en.json (formMessages), with their values, and written in Russian.

describe('form answers in the page language', () => {
  it('translates fixed and templated refusals, values and nested answers kept', async () => {
    expect(await localizeFormMessage('Your cart is empty.', 'ru')).toBe('Ваша корзина пуста.');
    expect(await localizeFormMessage('Only 3 left in stock.', 'ru')).toBe('В наличии осталось только 3.');
    expect(await localizeFormMessage('Only 3 left in stock. You already have 2 in your cart.', 'ru')).toBe(
      'В наличии осталось только 3. В вашей корзине уже 2.',
    );
    expect(await localizeFormMessage('Enter a whole number from 1 to 99.', 'ru')).toBe('Введите целое число от 1 до 99.');
  });

  it('leaves English alone, and an answer without a template as it is', async () => {
    expect(await localizeFormMessage('Only 3 left in stock.', 'en')).toBe('Only 3 left in stock.');
    expect(await localizeFormMessage('Something nobody listed.', 'ru')).toBe('Something nobody listed.');
  });

  it('translates a whole answer: its message and each field message, values untouched', async () => {
    const state = {
      ok: false,
      message: 'This checkout form has expired. Reload the page and try again.',
      fieldErrors: { email: 'Enter your email address.', shipPostalCode: 'Enter the postal code.' },
      values: { email: 'Only 3 left in stock.' },
    };
    expect(await localizeActionState(state, 'ru')).toEqual({
      ok: false,
      message: 'Форма оформления устарела. Обновите страницу и попробуйте снова.',
      fieldErrors: { email: 'Введите адрес электронной почты.', shipPostalCode: 'Введите почтовый индекс.' },
      values: { email: 'Only 3 left in stock.' },
    });
  });
});
