/**
 * Reports an element's client size from a ResizeObserver only. Svelte's `bind:clientWidth` reads
 * the size once synchronously as the element mounts, which forces a layout of the whole page inside
 * the render task (a 3M-row dataset's Data stage then blocked the main thread for 60–90 ms).
 */
export function observeSize(node: HTMLElement, set: (width: number, height: number) => void) {
  const observer = new ResizeObserver(() => set(node.clientWidth, node.clientHeight));
  observer.observe(node);
  return { destroy: () => observer.disconnect() };
}
