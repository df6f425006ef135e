import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { ConnectionContext } from './api/connection';
import { pickApi } from './api/pick-api';
import { ShellContext } from './api/shell';
import { App } from './app/app';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/params.css';
import './styles/output.css';
import './styles/dialog.css';

const root = document.getElementById('root');
if (root) {
  const { api, connection, shell } = pickApi();
  createRoot(root).render(
    <StrictMode>
      <ShellContext.Provider value={shell}>
        <ConnectionContext.Provider value={connection}>
          <ApiProvider api={api}>
            <App />
          </ApiProvider>
        </ConnectionContext.Provider>
      </ShellContext.Provider>
    </StrictMode>,
  );
}
