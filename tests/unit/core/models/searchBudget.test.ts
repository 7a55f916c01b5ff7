import { expect, test } from 'vitest';
import { randomSearch } from '../../../../src/core/models';
import { proposeRecipe } from '../../../../src/core/recipe';
import { penguins } from '../recipe/tableOf';

/**
 * A clock that moves 1 ms per reading, and 59.99 s when the first trial is reported: the second
 * trial then starts with a few milliseconds of a one-minute budget left.
 */
function steppedClock() {
  let t = 0;
  return { now: () => t++, jump: () => (t += 59_990) };
}

const search = (reserveRefit: boolean) => {
  const table = penguins();
  const clock = steppedClock();
  return randomSearch(table, proposeRecipe(table, undefined, 'Species'), {
    kinds: ['gbdt', 'forest'], trials: 2, seed: 5, maxMinutes: 1, reserveRefit, now: clock.now,
    onTrial: (_, i) => i === 0 && clock.jump(),
  });
};

test('with the refit reserved, a trial that runs into the time the final fit needs is stopped and left off the board', async () => {
  const board = await search(true);
  expect(board.map((e) => e.spec.kind)).toEqual(['gbdt']);
});

test('without the reserve, the same trial runs to the end (the budget only bounds when trials start)', async () => {
  const board = await search(false);
  expect(board.map((e) => e.spec.kind).sort()).toEqual(['forest', 'gbdt']);
});

test("the caller's own cancel still rejects the search", async () => {
  const table = penguins();
  const stop = new AbortController();
  const running = randomSearch(table, proposeRecipe(table, undefined, 'Species'), {
    kinds: ['gbdt', 'forest'], trials: 2, seed: 5, maxMinutes: 1, reserveRefit: true, signal: stop.signal,
    onTrial: () => stop.abort(),
  });
  await expect(running).rejects.toThrow(/cancelled/);
});
