// A paged list's next page starts where one reads: at the top of the list, not at the
// pager at the bottom where the tap was. The page header is sticky (56 px), so the list
// is brought just below it; only upward (a list already in view stays put).
const HEADER = 64;

export function scrollToList(element: HTMLElement | null | undefined): void {
  if (!element) return;
  const top = element.getBoundingClientRect().top;
  if (top >= HEADER) return;
  window.scrollTo({ top: window.scrollY + top - HEADER, behavior: 'auto' });
}
