// The shape of the demo text catalogues: per category code, subject and body templates (syntax: template.ts).

export interface CategoryTexts {
  subjects: readonly string[];
  bodies: readonly string[];
  /** What the customer asks for at the end of a complaint; a kind-level default applies when absent. */
  demands?: readonly string[];
}
