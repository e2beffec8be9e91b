'use client';

import { startTransition, type FormEvent } from 'react';

/**
 * A form's onSubmit that runs its action without React's automatic form reset, so what the person
 * typed stays in the fields when the server refuses it (and no late reset can overwrite what they
 * type next). The form keeps `action={action}` too: without JavaScript it posts as usual.
 */
export function submitWithoutReset(action: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(formData));
  };
}
