// Starts `rebound lsp` for playbooks and playbook tests; the server does the rest.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('rebound').get('path') || 'rebound';
  client = new LanguageClient(
    'rebound',
    'Rebound',
    { command, args: ['lsp'] },
    {
      documentSelector: [
        { scheme: 'file', language: 'rebound-playbook' },
        { scheme: 'file', language: 'rebound-test' },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
