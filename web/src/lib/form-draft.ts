// Forms that edit one draft object: the props of a text input bound to one of the draft's text fields.

type TextFields<Draft> = { [Field in keyof Draft]: Draft[Field] extends string ? Field : never }[keyof Draft] & string;

/** `const text = textInputs(draft, change, errors)`, then `<TextInput label="…" {...text('name')} />`. */
export function textInputs<Draft>(
  draft: Draft,
  onChange: (patch: Partial<Draft>) => void,
  errors: Record<string, string>,
) {
  return (field: TextFields<Draft>) => ({
    value: draft[field] as string,
    onChange: (event: { currentTarget: { value: string } }) =>
      onChange({ [field]: event.currentTarget.value } as Partial<Draft>),
    error: errors[field],
  });
}
