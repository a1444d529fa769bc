import type { MouseEvent } from 'react';
import type { NavigateFunction } from 'react-router-dom';

/**
 * The click handler of a list row that opens `to`, unless the click landed on a link inside
 * the row: the link opens it already, and a second navigation left two history entries, so
 * the phone's Back seemed to do nothing the first time.
 */
export function openRow(navigate: NavigateFunction, to: string) {
  return (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a')) return;
    navigate(to);
  };
}
