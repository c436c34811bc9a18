<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="58" />
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="59" />
        <source>&amp;Go</source>
        <translation>&amp;Ir a</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60" />
        <source>&amp;Work</source>
        <translation>&amp;Trabajo</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61" />
        <source>S&amp;ync</source>
        <translation>Sin&amp;cronizar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="90" />
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91" />
        <source>Inspect</source>
        <translation>Inspeccionar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92" />
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93" />
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94" />
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95" />
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98" />
        <source>Type a code</source>
        <translation>Escribir un código</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99" />
        <source>Blind receipt</source>
        <translation>Recepción sin autorización</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100" />
        <source>Parcel arrived damaged</source>
        <translation>Paquete llegó dañado</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101" />
        <source>Report a problem</source>
        <translation>Informar de un problema</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102" />
        <source>Close return</source>
        <translation>Cerrar devolución</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103" />
        <source>Inspect selected unit</source>
        <translation>Inspeccionar unidad seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104" />
        <source>Save inspection</source>
        <translation>Guardar inspección</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105" />
        <source>Add photo from file</source>
        <translation>Añadir foto desde archivo</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107" />
        <source>Confirm disposition</source>
        <translation>Confirmar destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109" />
        <source>Override disposition</source>
        <translation>Cambiar destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110" />
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111" />
        <source>Deny</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112" />
        <source>Reprint label</source>
        <translation>Reimprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113" />
        <source>Print waiting labels</source>
        <translation>Imprimir etiquetas pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114" />
        <source>Search history</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115" />
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="116" />
        <source>Pull reference data</source>
        <translation>Descargar datos de referencia</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117" />
        <source>Retry parked item</source>
        <translation>Reintentar elemento retenido</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118" />
        <source>Discard parked item…</source>
        <translation>Descartar elemento retenido…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="119" />
        <source>Lock station</source>
        <translation>Bloquear estación</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="120" />
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="121" />
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>Adapters</name>
    <message>
        <location filename="../../ui/adapters.py" line="58" />
        <source>The label is kept and prints once the printer is ready.</source>
        <translation>La etiqueta se guarda y se imprime cuando la impresora esté lista.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="62" />
        <source>This label cannot be made: %1</source>
        <translation>No se puede generar esta etiqueta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="71" />
        <source>This label cannot be drawn: %1</source>
        <translation>No se puede dibujar esta etiqueta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="107" />
        <source>Test label printed: check that its barcodes scan.</source>
        <translation>Etiqueta de prueba impresa: compruebe que sus códigos se leen.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="152" />
        <source>This station is not enrolled with central: an admin enrolls it.</source>
        <translation>Esta estación no está registrada en la central: un administrador debe registrarla.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="173" />
        <source>Type the enrollment code IT gave you.</source>
        <translation>Escriba el código de registro que le dio IT.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="182" />
        <source>Station %1 is enrolled with %2.</source>
        <translation>La estación %1 está registrada en %2.</translation>
    </message>
</context>
<context>
    <name>ApprovalsScreen</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="58" />
        <source>&amp;Reason (needed to deny)</source>
        <translation>&amp;Motivo (necesario para rechazar)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="59" />
        <source>Nothing waits for a supervisor.</source>
        <translation>Nada espera a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="62" />
        <source>Select a unit, then the supervisor scans their badge and types the PIN. Approve (Ctrl+Shift+A) or deny with a reason (Ctrl+Shift+D). Nobody approves their own proposal.</source>
        <translation>Seleccione una unidad; luego el supervisor escanea su tarjeta y escribe el PIN. Apruebe (Ctrl+Shift+A) o rechace con un motivo (Ctrl+Shift+D). Nadie aprueba su propia propuesta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="83" />
        <source>Supervisor badge read: type the PIN.</source>
        <translation>Tarjeta del supervisor leída: escriba el PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="108" />
        <source>Select the unit to approve or deny first.</source>
        <translation>Seleccione primero la unidad que quiere aprobar o rechazar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="117" />
        <source>Approved: %1 goes to %2.</source>
        <translation>Aprobado: %1 va a %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="122" />
        <source>Denied: %1 goes back to the inspector to override or re-inspect (%2).</source>
        <translation>Rechazado: %1 vuelve al inspector para cambiar el destino o inspeccionar de nuevo (%2).</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/feedback.py" line="62" />
        <source>Scan result</source>
        <translation>Resultado del escaneo</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../ui/models/returns.py" line="16" />
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="22" />
        <location filename="../../ui/models/returns.py" line="47" />
        <location filename="../../ui/models/work.py" line="27" />
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="23" />
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="25" />
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="31" />
        <source>Missing</source>
        <translation>Falta</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="46" />
        <location filename="../../ui/models/work.py" line="25" />
        <location filename="../../ui/models/work.py" line="86" />
        <source>Licence plate</source>
        <translation>Matrícula (LPN)</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="49" />
        <source>Serial</source>
        <translation>N.º de serie</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="54" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="56" />
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="59" />
        <location filename="../../ui/models/work.py" line="29" />
        <source>Outcome</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="64" />
        <location filename="../../ui/models/work.py" line="31" />
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="79" />
        <location filename="../../ui/models/work.py" line="106" />
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="84" />
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="85" />
        <source>Next step</source>
        <translation>Siguiente paso</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="36" />
        <source>Why a supervisor</source>
        <translation>Por qué un supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="38" />
        <source>Asked by</source>
        <translation>Pedido por</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="44" />
        <source>Asked at</source>
        <translation>Pedido el</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="58" />
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="60" />
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="62" />
        <source>Refused because</source>
        <translation>Rechazado porque</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="64" />
        <location filename="../../ui/models/work.py" line="100" />
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="71" />
        <source>Made at</source>
        <translation>Hecho el</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="91" />
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="97" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="116" />
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="117" />
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="118" />
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="119" />
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/demo_panel.py" line="34" />
        <source>Badge: Ana, inspector (PIN 1111)</source>
        <translation>Tarjeta: Ana, inspectora (PIN 1111)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="35" />
        <source>Return label RMA-100001</source>
        <translation>Etiqueta de devolución RMA-100001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="36" />
        <source>Headphones, the serial that was sold</source>
        <translation>Auriculares, el número de serie vendido</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="37" />
        <source>USB-C charger</source>
        <translation>Cargador USB-C</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="38" />
        <source>Kettle: wrong item for this return</source>
        <translation>Hervidor: artículo equivocado para esta devolución</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="39" />
        <source>Headphones, another serial: mismatch</source>
        <translation>Auriculares, otro número de serie: no coincide</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="40" />
        <source>Tracking number of RMA-100002</source>
        <translation>Número de seguimiento de RMA-100002</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="41" />
        <source>Phone of RMA-100003 (needs approval)</source>
        <translation>Teléfono de RMA-100003 (necesita aprobación)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="42" />
        <source>Parcel with no return on file</source>
        <translation>Paquete sin devolución registrada</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="43" />
        <source>Badge: Sam, supervisor (PIN 2222)</source>
        <translation>Tarjeta: Sam, supervisor (PIN 2222)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="44" />
        <source>Badge: admin (PIN 9999)</source>
        <translation>Tarjeta: administrador (PIN 9999)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="111" />
        <source>Simulate a scan</source>
        <translation>Simular un escaneo</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="114" />
        <source>Double-click a sample (or select it and press Enter) to send it through the simulated scanner, like a real scan. Start with a badge and its PIN, then a return label and its items.</source>
        <translation>Haga doble clic en un ejemplo (o selecciónelo y pulse Intro) para enviarlo por el escáner simulado, como un escaneo real. Empiece con una tarjeta y su PIN, luego una etiqueta de devolución y sus artículos.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="122" />
        <source>Any code, e.g. SO-500001</source>
        <translation>Cualquier código, p. ej. SO-500001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="123" />
        <source>Scan</source>
        <translation>Escanear</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="124" />
        <source>An RFID-tagged item on the reader</source>
        <translation>Un artículo con etiqueta RFID en el lector</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="125" />
        <source>Printer out of labels</source>
        <translation>Impresora sin etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="126" />
        <source>Central server unreachable</source>
        <translation>Servidor central inalcanzable</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="128" />
        <source>Central RMS simulator: %1</source>
        <translation>Simulador del RMS central: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="129" />
        <source>Label printer simulator: %1</source>
        <translation>Simulador de impresora de etiquetas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="130" />
        <source>Serial scanner simulator: %1</source>
        <translation>Simulador de escáner serie: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="131" />
        <source>LLRP RFID reader simulator: %1</source>
        <translation>Simulador de lector RFID LLRP: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="134" />
        <source>No RFID reader is wired into this build yet.</source>
        <translation>Esta versión aún no tiene lector RFID conectado.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="135" />
        <source>No central server is set up: changes stay on this station.</source>
        <translation>No hay servidor central configurado: los cambios se quedan en esta estación.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="136" />
        <source>No label printer is set up: labels wait on the Labels screen.</source>
        <translation>No hay impresora de etiquetas configurada: las etiquetas esperan en la pantalla Etiquetas.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="137" />
        <source>No scanner simulator: the samples go straight to the station.</source>
        <translation>Sin simulador de escáner: los ejemplos van directamente a la estación.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="185" />
        <source>Central is unreachable now: keep working, changes wait in the queue.</source>
        <translation>La central está inalcanzable: siga trabajando, los cambios esperan en la cola.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="187" />
        <source>Central is back: the queue empties by itself.</source>
        <translation>La central ha vuelto: la cola se vacía sola.</translation>
    </message>
</context>
<context>
    <name>DispositionScreen</name>
    <message>
        <location filename="../../ui/screens/disposition.py" line="137" />
        <source>Override the proposed outcome</source>
        <translation>Cambiar el destino propuesto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138" />
        <source>Where the unit goes</source>
        <translation>Adónde va la unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Outcome</source>
        <translation>&amp;Destino</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Location or tote</source>
        <translation>&amp;Ubicación o caja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Why (required)</source>
        <translation>&amp;Por qué (obligatorio)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="142" />
        <source>Save override</source>
        <translation>Guardar cambio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="143" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="200" />
        <source>No outcome yet: inspect the unit first (F3), or scan a licence plate.</source>
        <translation>Aún no hay destino: inspeccione primero la unidad (F3) o escanee una matrícula.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="202" />
        <source>Scan a licence plate to see its outcome.</source>
        <translation>Escanee una matrícula para ver su destino.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208" />
        <source>Overridden: %1</source>
        <translation>Cambiado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208" />
        <source>Why: %1</source>
        <translation>Por qué: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="211" />
        <source>A supervisor must approve:</source>
        <translation>Un supervisor debe aprobar:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="213" />
        <source>No approval needed.</source>
        <translation>No necesita aprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="214" />
        <source>Unit state: %1</source>
        <translation>Estado de la unidad: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="231" />
        <source>%1 waits for a supervisor: %2 Ask one to approve on Approvals (F5).</source>
        <translation>%1 espera a un supervisor: %2 Pida a uno que lo apruebe en Aprobaciones (F5).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="242" />
        <source>There is no proposed outcome to override yet.</source>
        <translation>Aún no hay un destino propuesto que cambiar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="263" />
        <source>Override saved: %1 to %2. Confirm it (Ctrl+Enter).</source>
        <translation>Cambio guardado: %1 a %2. Confírmelo (Ctrl+Intro).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="274" />
        <source>There is no proposed outcome for this unit yet: inspect it first.</source>
        <translation>Esta unidad aún no tiene destino propuesto: inspecciónela primero.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../ui/feedback.py" line="158" />
        <source>Something went wrong — the action was not saved. Try again; if it happens again, call IT.</source>
        <translation>Algo salió mal — la acción no se guardó. Inténtelo de nuevo; si vuelve a pasar, llame a IT.</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <location filename="../../ui/screens/history.py" line="57" />
        <source>Units found</source>
        <translation>Unidades encontradas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="60" />
        <source>Timeline of the selected unit</source>
        <translation>Historial de la unidad seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="74" />
        <source>Licence plate, serial, RMA, tracking or order number — or scan it</source>
        <translation>Matrícula, n.º de serie, RMA, seguimiento o pedido — o escanéelo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="75" />
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="109" />
        <source>%1 unit(s) found for “%2”.</source>
        <translation>%1 unidad(es) encontrada(s) para «%2».</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="113" />
        <source>Nothing found for “%1”.</source>
        <translation>No se encontró nada para «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="114" />
        <source>Nothing found for “%1”. Check the number and try again.</source>
        <translation>No se encontró nada para «%1». Compruebe el número e inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>InspectScreen</name>
    <message>
        <location filename="../../ui/screens/inspect.py" line="143" />
        <source>Checklist</source>
        <translation>Lista de comprobación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="144" />
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="145" />
        <source>Defects, notes and photos</source>
        <translation>Defectos, notas y fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="146" />
        <source>&amp;Defect codes</source>
        <translation>Códigos de &amp;defecto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="147" />
        <source>e.g. SCRATCH, DENT (comma between codes)</source>
        <translation>p. ej. SCRATCH, DENT (coma entre códigos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="148" />
        <source>&amp;Notes</source>
        <translation>&amp;Notas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="149" />
        <source>P&amp;hotos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="212" />
        <source>No unit selected: scan a licence plate, or pick a unit on Receive (F2).</source>
        <translation>Ninguna unidad seleccionada: escanee una matrícula o elija una unidad en Recibir (F2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="214" />
        <source>serial %1</source>
        <translation>n.º de serie %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="217" />
        <source>graded %1</source>
        <translation>grado %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="239" />
        <source>Loading the checklist…</source>
        <translation>Cargando la lista de comprobación…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="239" />
        <source>Select a unit to see its checklist.</source>
        <translation>Seleccione una unidad para ver su lista de comprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="245" />
        <source>— choose —</source>
        <translation>— elegir —</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="247" />
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="248" />
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="259" />
        <source>* must be answered</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="290" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="291" />
        <source>(not sellable)</source>
        <translation>(no vendible)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="304" />
        <source>This grade needs at least one photo of the damage: add one (Ctrl+Shift+F).</source>
        <translation>Este grado necesita al menos una foto del daño: añada una (Ctrl+Shift+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="307" />
        <source>%1 photo(s) will be saved with the inspection.</source>
        <translation>Se guardarán %1 foto(s) con la inspección.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="309" />
        <source>Photos are optional for this grade.</source>
        <translation>Las fotos son opcionales para este grado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="315" />
        <source>Add photos</source>
        <translation>Añadir fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="315" />
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="326" />
        <source>Select a unit to inspect first.</source>
        <translation>Seleccione primero una unidad para inspeccionar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="329" />
        <source>Choose a grade (arrow keys in the grade list).</source>
        <translation>Elija un grado (teclas de flecha en la lista de grados).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="359" />
        <source>Inspection saved. Proposed: %1 to %2.</source>
        <translation>Inspección guardada. Propuesta: %1 a %2.</translation>
    </message>
</context>
<context>
    <name>LabelsScreen</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="68" />
        <source>Waiting to print</source>
        <translation>Pendientes de imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="70" />
        <source>Printed since the station started</source>
        <translation>Impresas desde que arrancó la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="74" />
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="96" />
        <source>Select a label to see it.</source>
        <translation>Seleccione una etiqueta para verla.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="126" />
        <source>Printer: no news yet</source>
        <translation>Impresora: aún sin noticias</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="128" />
        <source>The printer's state shows here after the first label or status check.</source>
        <translation>El estado de la impresora aparece aquí tras la primera etiqueta o comprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="131" />
        <source>Printer: %1</source>
        <translation>Impresora: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="134" />
        <source>Waiting labels print when you press Print waiting labels (Ctrl+Shift+P).</source>
        <translation>Las etiquetas pendientes se imprimen al pulsar Imprimir etiquetas pendientes (Ctrl+Shift+P).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="158" />
        <source>No label printer is set up, so there is no preview.</source>
        <translation>No hay impresora de etiquetas configurada, así que no hay vista previa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="172" />
        <source>The preview could not be drawn.</source>
        <translation>No se pudo dibujar la vista previa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="181" />
        <source>%1 found. Reprint (Ctrl+P) prints its licence plate, or its routing label once it has an outcome.</source>
        <translation>%1 encontrada. Reimprimir (Ctrl+P) imprime su matrícula, o su etiqueta de destino cuando tenga destino.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="184" />
        <source>%1: press Ctrl+P to reprint its label.</source>
        <translation>%1: pulse Ctrl+P para reimprimir su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="201" />
        <source>Select a label, or scan a licence plate, to reprint.</source>
        <translation>Seleccione una etiqueta o escanee una matrícula para reimprimir.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="205" />
        <source>Label for %1 printed again.</source>
        <translation>Etiqueta de %1 impresa de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="233" />
        <source>%1 label(s) still waiting: fix the printer, then try again.</source>
        <translation>%1 etiqueta(s) aún pendiente(s): arregle la impresora e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="236" />
        <source>All %1 waiting label(s) printed.</source>
        <translation>Se imprimieron las %1 etiqueta(s) pendiente(s).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window.py" line="186" />
        <source>Returns Station %1</source>
        <translation>Estación de devoluciones %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="190" />
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="191" />
        <source>Scan, or type a code and press Enter (Ctrl+L)</source>
        <translation>Escanee, o escriba un código y pulse Intro (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="192" />
        <source>☰ Menu</source>
        <translation>☰ Menú</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="201" />
        <source>Demo</source>
        <translation>Demostración</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="219" />
        <source>open %1</source>
        <translation>abrir %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="264" />
        <source>More…</source>
        <translation>Más…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="309" />
        <source>Someone is already signed in. Sign out first (Ctrl+Shift+Q).</source>
        <translation>Ya hay alguien con sesión iniciada. Cierre la sesión primero (Ctrl+Shift+Q).</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="345" />
        <source>Station locked after inactivity. Scan your badge to continue.</source>
        <translation>Estación bloqueada por inactividad. Escanee su tarjeta para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="349" />
        <source>Signed out.</source>
        <translation>Sesión cerrada.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="359" />
        <source>Scan your badge to sign in.</source>
        <translation>Escanee su tarjeta para iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="360" />
        <source>Ready: scan anything.</source>
        <translation>Lista: escanee lo que sea.</translation>
    </message>
</context>
<context>
    <name>ReceiveScreen</name>
    <message>
        <location filename="../../ui/screens/receive.py" line="100" />
        <source>Expected lines</source>
        <translation>Líneas esperadas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="103" />
        <source>Units received</source>
        <translation>Unidades recibidas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="105" />
        <source>Exceptions</source>
        <translation>Incidencias</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="149" />
        <source>Scan the RMA, the return label, the tracking number, the order number or an item to open its return.</source>
        <translation>Escanee el RMA, la etiqueta de devolución, el número de seguimiento, el número de pedido o un artículo para abrir su devolución.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="152" />
        <source>Report a problem with this return</source>
        <translation>Informar de un problema con esta devolución</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="153" />
        <source>What is wrong, in a few words</source>
        <translation>Qué está mal, en pocas palabras</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="154" />
        <source>Save problem</source>
        <translation>Guardar problema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="155" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="207" />
        <source>Return %1 is open: scan its items.</source>
        <translation>La devolución %1 está abierta: escanee sus artículos.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="210" />
        <source>Same scan again: ignored.</source>
        <translation>El mismo escaneo otra vez: ignorado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="217" />
        <source>Received %1 as %2. Stick the licence plate on it.</source>
        <translation>%1 recibido como %2. Pegue la matrícula.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="243" />
        <source>Licence plate not printed: %1</source>
        <translation>Matrícula no impresa: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="250" />
        <source>Select a received unit first (arrow keys), then Inspect.</source>
        <translation>Seleccione primero una unidad recibida (teclas de flecha) y luego Inspeccionar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="266" />
        <source>Blind receipt opened: scan the parcel's items. Central resolves it later.</source>
        <translation>Recepción sin autorización abierta: escanee los artículos del paquete. La central lo resuelve después.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="279" />
        <source>Recorded: parcel arrived damaged. Photograph it before unpacking.</source>
        <translation>Registrado: el paquete llegó dañado. Fotografíelo antes de desembalar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="286" />
        <location filename="../../ui/screens/receive.py" line="334" />
        <source>Open a return first: scan its label.</source>
        <translation>Abra primero una devolución: escanee su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="304" />
        <source>Problem recorded: %1.</source>
        <translation>Problema registrado: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="322" />
        <source>Return %1 closed; %2 item(s) missing were reported to central.</source>
        <translation>Devolución %1 cerrada; se informó a la central de %2 artículo(s) que faltan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="325" />
        <source>Return %1 closed: complete.</source>
        <translation>Devolución %1 cerrada: completa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="353" />
        <source>Return %1 — %2</source>
        <translation>Devolución %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="356" />
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="358" />
        <source>Tracking %1</source>
        <translation>Seguimiento %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="359" />
        <source>Customer tier: %1</source>
        <translation>Nivel del cliente: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="361" />
        <source>Blind receipt: no authorization found</source>
        <translation>Recepción sin autorización: no se encontró autorización</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="362" />
        <source>%1 unit(s) received, %2 missing</source>
        <translation>%1 unidad(es) recibida(s), faltan %2</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="186" />
        <source>Sign in first: scan your badge.</source>
        <translation>Inicie sesión primero: escanee su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="46" />
        <source>Label printed. Put %1 in %2.</source>
        <translation>Etiqueta impresa. Ponga %1 en %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="50" />
        <source>Put %1 in %2. The routing label did not print: %3</source>
        <translation>Ponga %1 en %2. La etiqueta de destino no se imprimió: %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="62" />
        <source>No unit with licence plate %1 on this station.</source>
        <translation>No hay ninguna unidad con la matrícula %1 en esta estación.</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="26" />
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="64" />
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="35" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="76" />
        <source>Inspect</source>
        <translation>Inspeccionar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="36" />
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="61" />
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="43" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="21" />
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="30" />
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="140" />
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="141" />
        <source>Central server and enrollment</source>
        <translation>Servidor central y registro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="142" />
        <source>Language, layout and theme</source>
        <translation>Idioma, disposición y tema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;Scanner port</source>
        <translation>Puerto del &amp;escáner</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;Printer address</source>
        <translation>Dirección de la im&amp;presora</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;RFID reader address</source>
        <translation>Dirección del lector &amp;RFID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="149" />
        <source>e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0</source>
        <translation>p. ej. tcp://10.0.0.20:9100 o /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="150" />
        <source>e.g. llrp://10.0.0.30:5084</source>
        <translation>p. ej. llrp://10.0.0.30:5084</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="151" />
        <source>Test scan</source>
        <translation>Probar escaneo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="152" />
        <source>Test print</source>
        <translation>Probar impresión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>Station &amp;id</source>
        <translation>I&amp;d. de estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>Central server &amp;URL</source>
        <translation>&amp;URL del servidor central</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>&amp;Enrollment code</source>
        <translation>Código de re&amp;gistro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="159" />
        <source>Enroll this station</source>
        <translation>Registrar esta estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>La&amp;yout</source>
        <translation>Dispo&amp;sición</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Lock after (minutes)</source>
        <translation>&amp;Bloquear tras (minutos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="166" />
        <source>Sound on scans</source>
        <translation>Sonido al escanear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="169" />
        <source>Automatic (by screen size)</source>
        <translation>Automática (según la pantalla)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="170" />
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="171" />
        <source>Handheld</source>
        <translation>Terminal portátil</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="173" />
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="174" />
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="177" />
        <source>Save settings</source>
        <translation>Guardar ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="180" />
        <source>Language, layout, theme, lock time and sound apply at once. Device addresses, the central server and the station id apply the next time the station starts.</source>
        <translation>Idioma, disposición, tema, tiempo de bloqueo y sonido se aplican al momento. Las direcciones de dispositivos, el servidor central y el id. de estación se aplican la próxima vez que arranque la estación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="191" />
        <location filename="../../ui/screens/settings.py" line="242" />
        <source>change the station settings</source>
        <translation>cambiar los ajustes de la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="216" />
        <source>No devices are managed by this station yet.</source>
        <translation>Esta estación aún no gestiona dispositivos.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="245" />
        <source>The settings could not be saved (disk full or not writable). Ask IT.</source>
        <translation>No se pudieron guardar los ajustes (disco lleno o sin permiso de escritura). Consulte a IT.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="265" />
        <source>Settings saved.</source>
        <translation>Ajustes guardados.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="273" />
        <source>No %1 is set up on this station.</source>
        <translation>No hay %1 configurado en esta estación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="280" />
        <source>test the station's devices</source>
        <translation>probar los dispositivos de la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="283" />
        <source>Scan any barcode with the scanner now…</source>
        <translation>Escanee ahora cualquier código con el escáner…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="295" />
        <source>enroll the station</source>
        <translation>registrar la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="298" />
        <source>Sync is not running on this station, so it cannot enroll.</source>
        <translation>La sincronización no está activa en esta estación, así que no puede registrarse.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="62" />
        <source>Station %1</source>
        <translation>Estación %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="63" />
        <source>&amp;Badge or user name</source>
        <translation>&amp;Tarjeta o usuario</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="64" />
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="65" />
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="67" />
        <source>Scan your badge, then type your PIN and press Enter. Forgot your PIN? Ask a supervisor.</source>
        <translation>Escanee su tarjeta, escriba su PIN y pulse Intro. ¿Olvidó su PIN? Pregunte a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="69" />
        <source>Scan your badge</source>
        <translation>Escanee su tarjeta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="82" />
        <source>Badge read. Type your PIN and press Enter.</source>
        <translation>Tarjeta leída. Escriba su PIN y pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="90" />
        <source>Locked after inactivity. %1 was signed in: sign in again to continue.</source>
        <translation>Bloqueada por inactividad. %1 tenía la sesión iniciada: inicie sesión de nuevo para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="102" />
        <source>Scan your badge or type your user name first.</source>
        <translation>Escanee primero su tarjeta o escriba su usuario.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="106" />
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="124" />
        <source>Signed in: %1 (%2)</source>
        <translation>Sesión iniciada: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="119" />
        <source>Scan</source>
        <translation>Escáner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="120" />
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="121" />
        <source>Print</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="143" />
        <source>%1: none</source>
        <translation>%1: ninguno</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="143" />
        <source>Not set up.</source>
        <translation>No configurado.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="159" />
        <source>Central: …</source>
        <translation>Central: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="160" />
        <source>Queue: …</source>
        <translation>Cola: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="164" />
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="164" />
        <source>Central is reachable.</source>
        <translation>La central es accesible.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="166" />
        <source>Online (slow)</source>
        <translation>En línea (lento)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="168" />
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="170" />
        <source>Not enrolled</source>
        <translation>No registrada</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="172" />
        <source>Sync off</source>
        <translation>Sincronización apagada</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="174" />
        <source>To sync: %1</source>
        <translation>Por sincronizar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="175" />
        <source>Oldest waiting: %1</source>
        <translation>Más antiguo en espera: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178" />
        <source> · parked: %1</source>
        <translation> · retenidos: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="179" />
        <source>Parked items need a person: open Sync (F7).</source>
        <translation>Los elementos retenidos necesitan a una persona: abra Sincronización (F7).</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="186" />
        <source>Nobody signed in</source>
        <translation>Nadie ha iniciado sesión</translation>
    </message>
</context>
<context>
    <name>SupervisorForm</name>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="32" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="33" />
        <source>Supervisor &amp;badge or user</source>
        <translation>&amp;Tarjeta o usuario del supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="34" />
        <source>Supervisor P&amp;IN</source>
        <translation>P&amp;IN del supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="35" />
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="36" />
        <source>The supervisor scans their badge</source>
        <translation>El supervisor escanea su tarjeta</translation>
    </message>
</context>
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ui/sync_monitor.py" line="25" />
        <source>Sync is not running on this station: changes are kept locally.</source>
        <translation>La sincronización no está activa en esta estación: los cambios se guardan localmente.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="93" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="95" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="97" />
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="98" />
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/screens/sync.py" line="60" />
        <source>Parked: refused by central, waiting for a person</source>
        <translation>Retenidos: rechazados por la central, esperan a una persona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="84" />
        <source>Waiting to sync</source>
        <translation>Pendientes de sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="85" />
        <source>Oldest waiting for</source>
        <translation>El más antiguo espera desde hace</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="86" />
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="87" />
        <source>Parked</source>
        <translation>Retenidos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="91" />
        <source>&amp;Reason (needed to discard)</source>
        <translation>&amp;Motivo (necesario para descartar)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="113" />
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="117" />
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="118" />
        <source>Online, but slow</source>
        <translation>En línea, pero lento</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="119" />
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="120" />
        <source>Not enrolled</source>
        <translation>No registrada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="121" />
        <source>Sync not running</source>
        <translation>Sincronización inactiva</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="130" />
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="132" />
        <source>%1 (holding back %2 more of the same returns)</source>
        <translation>%1 (retienen %2 más de las mismas devoluciones)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="155" />
        <source>Sync is not running on this station: changes are kept until it is set up.</source>
        <translation>La sincronización no está activa en esta estación: los cambios se guardan hasta que se configure.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="165" />
        <source>Sync started.</source>
        <translation>Sincronización iniciada.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="187" />
        <source>Reference data is up to date (%1 item(s) changed).</source>
        <translation>Los datos de referencia están al día (%1 elemento(s) cambiado(s)).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="209" />
        <source>%1 will be sent again.</source>
        <translation>%1 se enviará de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="226" />
        <source>%1 discarded: it will never reach central.</source>
        <translation>%1 descartado: nunca llegará a la central.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="242" />
        <source>Select a parked item first.</source>
        <translation>Seleccione primero un elemento retenido.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/words.py" line="23" />
        <source>received</source>
        <translation>recibida</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="24" />
        <source>inspected</source>
        <translation>inspeccionada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="25" />
        <source>outcome proposed</source>
        <translation>destino propuesto</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="26" />
        <source>waiting for approval</source>
        <translation>esperando aprobación</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="27" />
        <source>outcome set</source>
        <translation>destino fijado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="28" />
        <source>labelled</source>
        <translation>etiquetada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="29" />
        <source>on hold</source>
        <translation>retenida</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="30" />
        <location filename="../../ui/words.py" line="49" />
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="31" />
        <source>Restock</source>
        <translation>Reponer en stock</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="32" />
        <source>Refurbish</source>
        <translation>Reacondicionar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="33" />
        <source>Repair</source>
        <translation>Reparar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="34" />
        <location filename="../../ui/words.py" line="70" />
        <source>Return to vendor</source>
        <translation>Devolver al proveedor</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="35" />
        <source>Liquidate</source>
        <translation>Liquidar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="36" />
        <source>Donate</source>
        <translation>Donar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="37" />
        <source>Recycle</source>
        <translation>Reciclar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="38" />
        <source>Scrap</source>
        <translation>Desechar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="39" />
        <location filename="../../ui/words.py" line="71" />
        <source>Quarantine</source>
        <translation>Cuarentena</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="40" />
        <source>Wrong item</source>
        <translation>Artículo equivocado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="41" />
        <source>Undeclared item</source>
        <translation>Artículo no declarado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="42" />
        <source>Over-receipt</source>
        <translation>Exceso recibido</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="43" />
        <source>Missing item</source>
        <translation>Artículo que falta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="44" />
        <source>Serial mismatch</source>
        <translation>Número de serie no coincide</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="45" />
        <source>Damaged in transit</source>
        <translation>Dañado en el transporte</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="46" />
        <source>No authorization</source>
        <translation>Sin autorización</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="47" />
        <source>expected</source>
        <translation>esperada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="48" />
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="50" />
        <location filename="../../ui/words.py" line="58" />
        <source>ready</source>
        <translation>lista</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="51" />
        <source>out of labels</source>
        <translation>sin etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="52" />
        <source>out of ribbon</source>
        <translation>sin cinta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="53" />
        <source>lid open</source>
        <translation>tapa abierta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="54" />
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="55" />
        <source>offline</source>
        <translation>desconectada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="56" />
        <source>not connected</source>
        <translation>no conectado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="57" />
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="59" />
        <source>busy</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="60" />
        <source>fault</source>
        <translation>avería</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="61" />
        <source>Scanner</source>
        <translation>Escáner</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="62" />
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="63" />
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="64" />
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="65" />
        <source>inspector</source>
        <translation>inspector</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="66" />
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="67" />
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="68" />
        <source>Licence plate</source>
        <translation>Matrícula</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="69" />
        <source>Resale</source>
        <translation>Reventa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="75" />
        <source>waiting to print</source>
        <translation>pendiente de imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="76" />
        <source>printed</source>
        <translation>impresa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="80" />
        <source>Keep it apart in the exceptions tote; inspect it like any unit, central decides the refund.</source>
        <translation>Sepárelo en la caja de incidencias; inspecciónelo como cualquier unidad, la central decide el reembolso.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="83" />
        <source>Keep it apart; describe it in a note when you inspect it.</source>
        <translation>Sepárelo; descríbalo en una nota al inspeccionarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="86" />
        <source>Check the count; if it is really one more, inspect it as usual.</source>
        <translation>Compruebe la cantidad; si de verdad hay uno más, inspecciónelo como siempre.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="89" />
        <source>Nothing to do at the bench: central follows up with the customer.</source>
        <translation>Nada que hacer en el puesto: la central hace el seguimiento con el cliente.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="92" />
        <source>Possible fraud: inspect it, then a supervisor must approve its outcome.</source>
        <translation>Posible fraude: inspecciónelo; luego un supervisor debe aprobar su destino.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="95" />
        <source>Photograph the parcel before unpacking; carrier claim follows.</source>
        <translation>Fotografíe el paquete antes de desembalar; se reclamará al transportista.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="98" />
        <source>Receive the items as usual; central matches the parcel to a customer later.</source>
        <translation>Reciba los artículos como siempre; la central asigna el paquete a un cliente después.</translation>
    </message>
</context>
</TS>
