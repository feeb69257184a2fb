import type { ZodType } from 'zod';
import { problemsOf } from '../../../bot/src/contracts/field-problem';
import type { Checked, FormErrors } from '../shared/use-form-submit';

const sentence = (m: string) =>
  /^(is|must)\b/.test(m) ? `This ${m}.` : m.charAt(0).toUpperCase() + m.slice(1);

/**
 * A form's values checked with the contract's own schema before anything is sent, so a refusal
 * is shown next to its field with the words the service would use (and no request is made).
 */
export function checkWith<F extends string, T>(schema: ZodType<T>, body: unknown): Checked<F, T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { errors: {}, input: parsed.data };
  const errors: FormErrors<F> = {};
  for (const p of problemsOf(parsed.error)) errors[p.field as F] ??= sentence(p.message);
  return { errors };
}
