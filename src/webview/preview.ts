// Browser script of the derivation preview webview.
export {};
