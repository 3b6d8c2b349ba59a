// Extension entry point: builds the services and registers them in one place.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const notBuilt = (what: string) => () =>
    void vscode.window.showInformationMessage(`GMM Derivation Checker: ${what} is not built yet in this version.`);
  context.subscriptions.push(
    vscode.commands.registerCommand('gmmCheck.checkGradient', notBuilt('"Check Gradient"')),
    vscode.commands.registerCommand('gmmCheck.openPreview', notBuilt('the derivation preview')),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
