"""Label printing: one label model, templates, ZPL and PNG renderers, transports, status and the print queue.

- `label`: the model (`Label`, `Text`, `Code128`, `Gs1_128`, `QrCode`, `DataMatrix`, `Line`, `Box`, `Gs1Data`).
- `templates`: typed data in (`LpnLabelData`, `ResaleLabelData`, `RtvLabelData`, `QuarantineLabelData`),
  a `Label` out; `TEMPLATES` names them for the journal.
- `zpl`: `render_zpl(label, copies)`; `preview`: `preview_png(label)`.
- `transport`: `TcpPrinter`, `SerialPrinter`, `CupsQueue`; `status`: `~HS` / `~HQES` / `~HI`.
- `journal` + `spool`: `PrintSpool` records each job before sending and marks it printed only once
  the printer took it.
"""
