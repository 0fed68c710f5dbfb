"""Network discovery with nmap: targets, scanning, XML parsing, classification, reconciliation."""
