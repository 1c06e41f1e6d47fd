// The appeal number Otklik puts into the subjects of its own mail: "Ваш заказ [#1234]".

const TOKEN = /\[#\s*(\d{1,15})\s*\]/;

/** The appeal number from an Otklik subject token like "Re: Ваш заказ [#1234]", else null. */
export function subjectNumber(subject: string): number | null {
  const digits = TOKEN.exec(subject)?.[1];
  if (digits === undefined) {
    return null;
  }
  const number = Number(digits);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}
