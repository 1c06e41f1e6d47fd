// The shape of the demo text catalogues (template syntax: template.ts).

/** A subject line, the body it belongs to and, optionally, the demand that closes this particular story. */
export type Story = readonly [subject: string, body: string, demand?: string];

export interface CategoryTexts {
  stories: readonly Story[];
  /** How a complaint ends when its story names no demand of its own. */
  demands?: readonly string[];
}
