/**
 * The name a new run gets: the model's name and the next number after every run of that model
 * already named, in this visit or kept in the registry from earlier ones, so names stay unique
 * across visits ("Logistic regression #4" after #1 to #3 were stored yesterday).
 */
export function nextRunName(model: string, taken: Iterable<string | undefined>): string {
  const prefix = `${model} #`;
  let last = 0;
  for (const name of taken) {
    if (!name?.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (/^[1-9]\d*$/.test(rest)) last = Math.max(last, Number(rest));
  }
  return `${prefix}${last + 1}`;
}
