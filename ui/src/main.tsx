import { render } from "preact";
import { App } from "./app";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/screens.css";
import "./styles/approval.css";
import "./styles/sales.css";
import "./styles/checkout.css";
import "./styles/admin.css";
import "./styles/stock.css";
import "./styles/catalog.css";
import "./styles/tiers.css";
import "./styles/records.css";
import "./styles/staff-admin.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
