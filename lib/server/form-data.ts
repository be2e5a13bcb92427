/** FormData to a plain object: repeated keys become arrays; Next's internal `$ACTION_` keys are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = formData.getAll(key).map((v) => (typeof v === 'string' ? v : v));
    result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}
