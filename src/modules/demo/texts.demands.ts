// How customers' complaints end when their story names no demand of its own: the endings several incident
// categories share (syntax: template.ts).
export const REFUND = 'Прошу вернуть уплаченные {price}.';
export const CHECK =
  '[Прошу разобраться в ситуации и сообщить о принятом решении.' +
  '|Прошу принять меры и сообщить мне о результатах.|Жду ответа в установленный законом срок.]';
export const TALK =
  '[Прошу провести беседу с сотрудником.|Считаю, что такое поведение недопустимо, прошу принять меры.' +
  '|Прошу руководство магазина обратить на это внимание.]';
