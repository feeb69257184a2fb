import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { pageFromDocument, viewFromUrl } from './app/url-params';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App page={pageFromDocument(document)} view={viewFromUrl(window.location.search)} />
  </StrictMode>,
);
