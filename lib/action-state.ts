// Shared by server actions (lib/actions.ts) and the client components that render their answers.
/**
 * What every form's server action answers with. `values` are the fields as the person typed them,
 * so a rejected form re-renders with their input; `fieldErrors` go next to their fields; `message`
 * is for the form as a whole.
 */
export interface ActionState<Field extends string = string> {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<Field, string>>;
  values?: Partial<Record<Field, string>>;
}
