import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadLanguage } from './i18n/i18n.ts';
import { currentLang } from './i18n/lang-store.ts';

// Someone who chose English gets it from the first page, not a flash of Vietnamese.
await loadLanguage(currentLang());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
