// A tiny template language for varied demo texts, compiled once per template string:
//   {slot}  a value from the context ({Slot} capitalises it)
//   [a|b]   one alternative at random (alternatives may hold slots and gendered forms)
//   <w:m|f> <s:m|f> <a:m|f>  the form for the writer's, the staff member's or the agent's gender
//   <p:m|f|n|pl>  the form agreeing with the product's grammatical gender
import type { Rng } from './random.ts';

export type GenderKey = 'w' | 's' | 'a' | 'p';

export interface TextContext {
  values: Readonly<Record<string, string>>;
  /** Index of the form to use: 0 masculine, 1 feminine, 2 neuter, 3 plural (only products use 2 and 3). */
  genders: Readonly<Record<GenderKey, number>>;
}

type Node = string | { slot: string; cap: boolean } | { choice: Node[][] } | { gender: GenderKey; forms: Node[][] };

const compiled = new Map<string, Node[]>();

function parse(src: string, pos: { i: number }, stop: string): Node[][] {
  let current: Node[] = [];
  const alternatives: Node[][] = [current];
  let text = '';
  const flush = () => {
    if (text) {
      current.push(text);
    }
    text = '';
  };
  while (pos.i < src.length) {
    const ch = src.charAt(pos.i);
    if (stop.includes(ch) && ch !== '|') {
      break;
    }
    if (ch === '|' && stop) {
      flush();
      current = [];
      alternatives.push(current);
      pos.i++;
    } else if (ch === '{') {
      flush();
      const end = src.indexOf('}', pos.i);
      const name = src.slice(pos.i + 1, end);
      const lower = name.charAt(0).toLowerCase() + name.slice(1);
      current.push({ slot: lower, cap: lower !== name });
      pos.i = end + 1;
    } else if (ch === '[') {
      flush();
      pos.i++;
      const choice = parse(src, pos, ']|');
      pos.i++;
      current.push({ choice });
    } else if (ch === '<' && src[pos.i + 2] === ':') {
      flush();
      const gender = src[pos.i + 1] as GenderKey;
      pos.i += 3;
      const forms = parse(src, pos, '>|');
      pos.i++;
      current.push({ gender, forms });
    } else {
      text += ch;
      pos.i++;
    }
  }
  flush();
  return alternatives;
}

function compile(template: string): Node[] {
  let nodes = compiled.get(template);
  if (!nodes) {
    // The top level has no alternatives: one list of nodes.
    nodes = parse(template, { i: 0 }, '')[0] ?? [];
    compiled.set(template, nodes);
  }
  return nodes;
}

function emit(nodes: readonly Node[], ctx: TextContext, rng: Rng): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node;
    } else if ('slot' in node) {
      const value = ctx.values[node.slot];
      if (value === undefined) {
        throw new Error(`demo template: no value for {${node.slot}}`);
      }
      out += node.cap ? value.charAt(0).toUpperCase() + value.slice(1) : value;
    } else if ('choice' in node) {
      out += emit(rng.pick(node.choice), ctx, rng);
    } else {
      out += emit(node.forms[Math.min(ctx.genders[node.gender], node.forms.length - 1)] ?? [], ctx, rng);
    }
  }
  return out;
}

/** Renders one template; empty alternatives may leave doubled spaces, which are tidied away. */
export function render(template: string, ctx: TextContext, rng: Rng): string {
  return emit(compile(template), ctx, rng)
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?:])/g, '$1')
    .trim();
}

/** Renders several parts and joins the non-empty ones with spaces. */
export function renderParts(templates: readonly string[], ctx: TextContext, rng: Rng): string {
  return templates
    .map((template) => render(template, ctx, rng))
    .filter(Boolean)
    .join(' ');
}
