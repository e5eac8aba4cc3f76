/** A keyboard shortcut shown next to the action it triggers ("F2", "Esc", "Ctrl+Enter"). */
export function Kbd(props: { keys: string; class?: string }) {
  return <kbd class={`kbd ${props.class ?? ""}`}>{props.keys}</kbd>;
}
