<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="59"/>
        <source>&amp;Station</source>
        <translation>&amp;Estación</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>&amp;Go</source>
        <translation>&amp;Ir a</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>&amp;Work</source>
        <translation>&amp;Trabajo</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>S&amp;ync</source>
        <translation>Sin&amp;cronizar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92"/>
        <source>Inspect</source>
        <translation>Inspeccionar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93"/>
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94"/>
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99"/>
        <source>Type a code</source>
        <translation>Escribir un código</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100"/>
        <source>Blind receipt</source>
        <translation>Recepción sin autorización</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101"/>
        <source>Parcel arrived damaged</source>
        <translation>Paquete llegó dañado</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102"/>
        <source>Report a problem</source>
        <translation>Informar de un problema</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103"/>
        <source>Close return</source>
        <translation>Cerrar devolución</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104"/>
        <source>Inspect selected unit</source>
        <translation>Inspeccionar unidad seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105"/>
        <source>Save inspection</source>
        <translation>Guardar inspección</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="106"/>
        <source>Take photo</source>
        <translation>Tomar foto</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>Add photo from file</source>
        <translation>Añadir foto desde archivo</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109"/>
        <source>Confirm disposition</source>
        <translation>Confirmar destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>Override disposition</source>
        <translation>Cambiar destino</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113"/>
        <source>Deny</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114"/>
        <source>Reprint label</source>
        <translation>Reimprimir etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115"/>
        <source>Print waiting labels</source>
        <translation>Imprimir etiquetas pendientes</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="116"/>
        <source>Search history</source>
        <translation>Buscar en el historial</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118"/>
        <source>Pull reference data</source>
        <translation>Descargar datos de referencia</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="119"/>
        <source>Retry parked item</source>
        <translation>Reintentar elemento retenido</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="120"/>
        <source>Discard parked item…</source>
        <translation>Descartar elemento retenido…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="121"/>
        <source>Lock station</source>
        <translation>Bloquear estación</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="122"/>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="123"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>Adapters</name>
    <message>
        <location filename="../../ui/adapters.py" line="49"/>
        <source>The label is kept and prints once the printer is ready.</source>
        <translation>La etiqueta se guarda y se imprime cuando la impresora esté lista.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="53"/>
        <source>This label cannot be made: %1</source>
        <translation>No se puede generar esta etiqueta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="64"/>
        <source>This label cannot be drawn: %1</source>
        <translation>No se puede dibujar esta etiqueta: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="100"/>
        <source>Test label printed: check that its barcodes scan.</source>
        <translation>Etiqueta de prueba impresa: compruebe que sus códigos se leen.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="41"/>
        <source>enroll the station</source>
        <translation>registrar la estación</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="68"/>
        <source>This station is not enrolled with central: an admin enrolls it.</source>
        <translation>Esta estación no está registrada en la central: un administrador debe registrarla.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="95"/>
        <source>Type the enrollment code IT gave you.</source>
        <translation>Escriba el código de registro que le dio IT.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="107"/>
        <source>Station %1 is enrolled with %2.</source>
        <translation>La estación %1 está registrada en %2.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="154"/>
        <source>Sync did not start on this station; the station log says why.</source>
        <translation>La sincronización no se inició en esta estación; el registro de la estación indica el motivo.</translation>
    </message>
</context>
<context>
    <name>ApprovalsScreen</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="58"/>
        <source>&amp;Reason (needed to deny)</source>
        <translation>&amp;Motivo (necesario para rechazar)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="59"/>
        <source>Nothing waits for a supervisor.</source>
        <translation>Nada espera a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="62"/>
        <source>Select a unit, then the supervisor scans their badge and types the PIN. Approve (Ctrl+Shift+A) or deny with a reason (Ctrl+Shift+D). Nobody approves their own proposal.</source>
        <translation>Seleccione una unidad; luego el supervisor escanea su tarjeta y escribe el PIN. Apruebe (Ctrl+Shift+A) o rechace con un motivo (Ctrl+Shift+D). Nadie aprueba su propia propuesta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="83"/>
        <source>Supervisor badge read: type the PIN.</source>
        <translation>Tarjeta del supervisor leída: escriba el PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="108"/>
        <source>Select the unit to approve or deny first.</source>
        <translation>Seleccione primero la unidad que quiere aprobar o rechazar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="117"/>
        <source>Approved: %1 goes to %2.</source>
        <translation>Aprobado: %1 va a %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="122"/>
        <source>Denied: %1 goes back to the inspector to override or re-inspect (%2).</source>
        <translation>Rechazado: %1 vuelve al inspector para cambiar el destino o inspeccionar de nuevo (%2).</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/feedback.py" line="71"/>
        <source>Scan result</source>
        <translation>Resultado del escaneo</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../ui/camera.py" line="54"/>
        <source>No camera is set up on this station.</source>
        <translation>Esta estación no tiene cámara configurada.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../ui/models/returns.py" line="16"/>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="22"/>
        <location filename="../../ui/models/returns.py" line="47"/>
        <location filename="../../ui/models/work.py" line="27"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="23"/>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="25"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="31"/>
        <source>Missing</source>
        <translation>Falta</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="46"/>
        <location filename="../../ui/models/work.py" line="25"/>
        <location filename="../../ui/models/work.py" line="90"/>
        <source>Licence plate</source>
        <translation>Matrícula (LPN)</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="49"/>
        <source>Serial</source>
        <translation>N.º de serie</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="54"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="56"/>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="59"/>
        <location filename="../../ui/models/work.py" line="29"/>
        <source>Outcome</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="64"/>
        <location filename="../../ui/models/work.py" line="31"/>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="79"/>
        <location filename="../../ui/models/work.py" line="110"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="84"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="85"/>
        <source>Next step</source>
        <translation>Siguiente paso</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="37"/>
        <source>Why a supervisor</source>
        <translation>Por qué un supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="42"/>
        <source>Asked by</source>
        <translation>Pedido por</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="48"/>
        <source>Asked at</source>
        <translation>Pedido el</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="62"/>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="64"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="66"/>
        <source>Refused because</source>
        <translation>Rechazado porque</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="68"/>
        <location filename="../../ui/models/work.py" line="104"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="75"/>
        <source>Made at</source>
        <translation>Hecho el</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="95"/>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="101"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="120"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="121"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="122"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="123"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../app/domain/lifecycle.py" line="84"/>
        <source>This unit is {state}: it cannot {action} now. Allowed next: nothing more.</source>
        <translation>Esta unidad está en estado «{state}»: ahora no se puede «{action}». No se puede hacer nada más con ella.</translation>
    </message>
    <message>
        <location filename="../../app/domain/lifecycle.py" line="89"/>
        <source>This unit is {state}: it cannot {action} now. Allowed next: {options}.</source>
        <translation>Esta unidad está en estado «{state}»: ahora no se puede «{action}». Siguiente paso posible: {options}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="24"/>
        <source>Reference data &apos;{feed}&apos; item &apos;{key}&apos; is invalid: {problem}.</source>
        <translation>Datos de referencia «{feed}», elemento «{key}» no válido: {problem}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="35"/>
        <source>&apos;{value}&apos; is not a number</source>
        <translation>«{value}» no es un número</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="59"/>
        <source>This station has not received its grading scale from central yet. Check the Sync screen.</source>
        <translation>Esta estación aún no ha recibido su escala de grados de la central. Revise la pantalla Sincronización.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="64"/>
        <source>&apos;{code}&apos; is not a grade on this station&apos;s scale. Use one of: {known}.</source>
        <translation>«{code}» no es un grado de la escala de esta estación. Use uno de estos: {known}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="97"/>
        <source>Answer “{question}”</source>
        <translation>Responda «{question}»</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="99"/>
        <source>“{question}” needs yes or no, not “{answer}”</source>
        <translation>«{question}» necesita sí o no, no «{answer}»</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="102"/>
        <source>“{question}” needs {options}, not “{answer}”</source>
        <translation>«{question}» necesita {options}, no «{answer}»</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="105"/>
        <source>“{answer}” is not on the {category} checklist</source>
        <translation>«{answer}» no está en la lista de comprobación {category}</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="181"/>
        <source>Unit value {value} is at or above the approval threshold {threshold}.</source>
        <translation>El valor de la unidad ({value}) alcanza o supera el umbral de aprobación {threshold}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="184"/>
        <source>{outcome} always needs a supervisor.</source>
        <translation>«{outcome}» siempre necesita un supervisor.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="187"/>
        <source>Scrapping a sellable unit needs a supervisor.</source>
        <translation>Desechar una unidad vendible necesita un supervisor.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="189"/>
        <source>The proposed outcome was overridden.</source>
        <translation>Se cambió el destino propuesto.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="190"/>
        <source>Possible fraud: {flag}.</source>
        <translation>Posible fraude: {flag}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="212"/>
        <source>disposition &apos;{value}&apos; is unknown (known: {known})</source>
        <translation>destino «{value}» desconocido (conocidos: {known})</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="230"/>
        <source>unknown condition(s) {conditions}</source>
        <translation>condición(es) desconocida(s) {conditions}</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="233"/>
        <source>&apos;then&apos; has no disposition</source>
        <translation>«then» no indica ningún destino</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="283"/>
        <source>No disposition rule matched this unit: it is held for a supervisor.</source>
        <translation>Ninguna regla de destino coincide con esta unidad: queda retenida para un supervisor.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="54"/>
        <source>Unknown badge or user name. Scan your badge again or ask a supervisor.</source>
        <translation>Tarjeta o nombre de usuario desconocido. Escanee su tarjeta de nuevo o pregunte a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="60"/>
        <source>Too many wrong PINs: {name} is locked for {minutes} more minute(s).</source>
        <translation>Demasiados PIN incorrectos: {name} queda bloqueado {minutes} minuto(s) más.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="70"/>
        <source>Too many wrong PINs: {name} is locked for {minutes} minutes.</source>
        <translation>Demasiados PIN incorrectos: {name} queda bloqueado durante {minutes} minutos.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="74"/>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="81"/>
        <source>{name} is not a supervisor: a supervisor must approve this.</source>
        <translation>{name} no es supervisor: un supervisor debe aprobar esto.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="108"/>
        <source>Inspect and grade this unit before choosing its disposition.</source>
        <translation>Inspeccione y califique esta unidad antes de elegir su destino.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="46"/>
        <source>This unit is no longer on the station. Scan its licence plate again.</source>
        <translation>Esta unidad ya no está en la estación. Escanee de nuevo su matrícula.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="352"/>
        <source>Say why you override the proposed outcome (a few words).</source>
        <translation>Indique por qué cambia el resultado propuesto (en pocas palabras).</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="374"/>
        <source>Propose a disposition for this unit first.</source>
        <translation>Proponga primero un destino para esta unidad.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="401"/>
        <source>Say why the disposition is denied, so the inspector knows what to change.</source>
        <translation>Indique por qué se rechaza el destino, para que el inspector sepa qué cambiar.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="406"/>
        <source>This approval was already decided or withdrawn.</source>
        <translation>Esta aprobación ya se decidió o se retiró.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="427"/>
        <source>{name} proposed this disposition: another supervisor must approve it.</source>
        <translation>{name} propuso este destino: otro supervisor debe aprobarlo.</translation>
    </message>
    <message>
        <location filename="../../app/services/labels.py" line="200"/>
        <source>No label printer is set up for this station. The label is kept for later.</source>
        <translation>Esta estación no tiene impresora de etiquetas configurada. La etiqueta se guarda para más tarde.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_queue.py" line="55"/>
        <source>Say why this change is discarded: it will never reach central.</source>
        <translation>Indique por qué se descarta este cambio: nunca llegará a la central.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_queue.py" line="90"/>
        <source>This item is no longer parked: it was already retried, sent or discarded.</source>
        <translation>Este elemento ya no está retenido: ya se reintentó, se envió o se descartó.</translation>
    </message>
    <message>
        <location filename="../../app/services/views.py" line="94"/>
        <source>Blind return {id}</source>
        <translation>Devolución sin autorización {id}</translation>
    </message>
    <message>
        <location filename="../../app/services/views.py" line="180"/>
        <source>This return is no longer on the station. Scan its label again.</source>
        <translation>Esta devolución ya no está en la estación. Escanee de nuevo su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../app/services/values.py" line="60"/>
        <source>Only an {needed} may {doing}. You are signed in as {name} ({role}).</source>
        <translation>Solo el rol «{needed}» puede {doing}. Ha iniciado sesión como {name} ({role}).</translation>
    </message>
    <message>
        <location filename="../../app/services/values.py" line="62"/>
        <source>Only a {needed} may {doing}. You are signed in as {name} ({role}).</source>
        <translation>Solo el rol «{needed}» puede {doing}. Ha iniciado sesión como {name} ({role}).</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="101"/>
        <source>Photos must be JPEG or PNG images.</source>
        <translation>Las fotos deben ser imágenes JPEG o PNG.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="103"/>
        <source>A photo is empty or larger than 15 MB. Take it again.</source>
        <translation>Una foto está vacía o supera los 15 MB. Vuelva a tomarla.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="120"/>
        <source>The checklist is not complete: {problems}.</source>
        <translation>La lista de comprobación no está completa: {problems}.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="124"/>
        <source>Grade {grade} needs at least one photo of the damage.</source>
        <translation>El grado {grade} necesita al menos una foto del daño.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="192"/>
        <source>The station could not save the photo (disk full or not writable). Ask IT.</source>
        <translation>La estación no pudo guardar la foto (disco lleno o sin permiso de escritura). Avise a TI.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="160"/>
        <source>RMA</source>
        <translation>RMA</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="161"/>
        <source>tracking number</source>
        <translation>número de seguimiento</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="162"/>
        <source>order number</source>
        <translation>número de pedido</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="163"/>
        <source>licence plate</source>
        <translation>matrícula</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="164"/>
        <source>RFID tag</source>
        <translation>etiqueta RFID</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="168"/>
        <source>No return found for item {gtin} serial {serial}. Scan the RMA or return label, or start a blind receipt.</source>
        <translation>No se encontró ninguna devolución para el artículo {gtin} con número de serie {serial}. Escanee la RMA o la etiqueta de devolución, o inicie una recepción sin autorización.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="174"/>
        <source>No return found for item {gtin}. Scan the RMA or return label, or start a blind receipt.</source>
        <translation>No se encontró ninguna devolución para el artículo {gtin}. Escanee la RMA o la etiqueta de devolución, o inicie una recepción sin autorización.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="181"/>
        <source>No return found for {what} {code}. Check the label, or start a blind receipt if the parcel has none.</source>
        <translation>No se encontró ninguna devolución para {what} {code}. Revise la etiqueta o, si el paquete no tiene, inicie una recepción sin autorización.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="189"/>
        <source>No return found for “{code}”. Check the label, or start a blind receipt if the parcel has none.</source>
        <translation>No se encontró ninguna devolución para «{code}». Revise la etiqueta o, si el paquete no tiene, inicie una recepción sin autorización.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="213"/>
        <source>Return {title} is already closed. Ask a supervisor to reopen it at central.</source>
        <translation>La devolución {title} ya está cerrada. Pida a un supervisor que la reabra en la central.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="250"/>
        <source>No return authorization found for “{code}”.</source>
        <translation>No se encontró ninguna autorización de devolución para “{code}”.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="253"/>
        <source>No return authorization found.</source>
        <translation>No se encontró ninguna autorización de devolución.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="309"/>
        <source>Parcel arrived damaged.</source>
        <translation>El paquete llegó dañado.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="336"/>
        <source>Same scan again: ignored.</source>
        <translation>El mismo escaneo otra vez: ignorado.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="339"/>
        <source>That is not an item barcode. Scan the product&apos;s barcode (EAN/UPC/GS1) or its RFID tag.</source>
        <translation>Eso no es un código de barras de artículo. Escanee el código de barras del producto (EAN/UPC/GS1) o su etiqueta RFID.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="351"/>
        <source>Serial {serial} was already received on {lpn}. Set this item aside.</source>
        <translation>El número de serie {serial} ya se recibió en {lpn}. Aparte este artículo.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="426"/>
        <source>Received {item} as {lpn}.</source>
        <translation>{item} recibido como {lpn}.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="434"/>
        <source>Describe the problem in a few words.</source>
        <translation>Describa el problema en pocas palabras.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="475"/>
        <source>{count} unit(s) still need a disposition before closing: {units}.</source>
        <translation>{count} unidad(es) aún necesitan un destino antes de cerrar: {units}.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="490"/>
        <source>Line {line} ({sku}): {quantity} not received.</source>
        <translation>Línea {line} ({sku}): {quantity} sin recibir.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="514"/>
        <source>This return is not on the station. Scan its label again.</source>
        <translation>Esta devolución no está en la estación. Escanee de nuevo su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="518"/>
        <source>Return {rma} is closed: nothing more can be received.</source>
        <translation>La devolución {rma} está cerrada: no se puede recibir nada más.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="532"/>
        <source>Wrong item: {item} is not on this return. Keep it apart.</source>
        <translation>Artículo equivocado: {item} no está en esta devolución. Manténgalo aparte.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="534"/>
        <source>Undeclared item {gtin}: not on this return and not in the catalog.</source>
        <translation>Artículo no declarado {gtin}: no está en esta devolución ni en el catálogo.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="547"/>
        <source>Serial mismatch: {serial} is not the serial that was sold ({sold}). A supervisor must approve its disposition.</source>
        <translation>Número de serie distinto: {serial} no es el número de serie vendido ({sold}). Un supervisor debe aprobar su destino.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="563"/>
        <source>Over-receipt: line {line} authorized {authorized}, this is one more.</source>
        <translation>Exceso recibido: la línea {line} autorizó {authorized}; este es uno más.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="67"/>
        <source>The station&apos;s disk is full. Nothing was saved. Ask IT to free space, then scan again.</source>
        <translation>El disco de la estación está lleno. No se guardó nada. Pida a TI que libere espacio y vuelva a escanear.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="71"/>
        <source>The station&apos;s database is read-only. Nothing was saved. Ask IT to check the data folder.</source>
        <translation>La base de datos de la estación es de solo lectura. No se guardó nada. Pida a TI que revise la carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="75"/>
        <source>The station&apos;s database is busy. Nothing was saved. Wait a moment and try again.</source>
        <translation>La base de datos de la estación está ocupada. No se guardó nada. Espere un momento y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="79"/>
        <source>The station cannot write to its disk. Nothing was saved. Ask IT to check the storage.</source>
        <translation>La estación no puede escribir en su disco. No se guardó nada. Pida a TI que revise el almacenamiento.</translation>
    </message>
    <message>
        <location filename="../../app/store/outbox.py" line="194"/>
        <source>Refused by the server.</source>
        <translation>Rechazado por el servidor.</translation>
    </message>
    <message>
        <location filename="../../app/__main__.py" line="321"/>
        <source>The simulated camera cannot show {code}: {problem}</source>
        <translation>La cámara simulada no puede mostrar {code}: {problem}</translation>
    </message>
    <message>
        <location filename="../../app/services/station.py" line="42"/>
        <source>The station cannot open its database {path}: {problem}. Ask IT to check or restore the file.</source>
        <translation>La estación no puede abrir su base de datos {path}: {problem}. Pida a TI que revise o restaure el archivo.</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/demo_panel.py" line="35"/>
        <source>Badge: Ana, inspector (PIN 1111)</source>
        <translation>Tarjeta: Ana, inspectora (PIN 1111)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="36"/>
        <source>Return label RMA-100001</source>
        <translation>Etiqueta de devolución RMA-100001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="37"/>
        <source>Headphones, the serial that was sold</source>
        <translation>Auriculares, el número de serie vendido</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="38"/>
        <source>USB-C charger</source>
        <translation>Cargador USB-C</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="39"/>
        <source>Kettle: wrong item for this return</source>
        <translation>Hervidor: artículo equivocado para esta devolución</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="40"/>
        <source>Headphones, another serial: mismatch</source>
        <translation>Auriculares, otro número de serie: no coincide</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="41"/>
        <source>Tracking number of RMA-100002</source>
        <translation>Número de seguimiento de RMA-100002</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="42"/>
        <source>Phone of RMA-100003 (needs approval)</source>
        <translation>Teléfono de RMA-100003 (necesita aprobación)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="43"/>
        <source>Parcel with no return on file</source>
        <translation>Paquete sin devolución registrada</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="44"/>
        <source>Badge: Sam, supervisor (PIN 2222)</source>
        <translation>Tarjeta: Sam, supervisor (PIN 2222)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="45"/>
        <source>Badge: admin (PIN 9999)</source>
        <translation>Tarjeta: administrador (PIN 9999)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="117"/>
        <source>Simulate a scan</source>
        <translation>Simular un escaneo</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="120"/>
        <source>Double-click a sample (or select it and press Enter) to send it through the simulated scanner, like a real scan. Start with a badge and its PIN, then a return label and its items.</source>
        <translation>Haga doble clic en un ejemplo (o selecciónelo y pulse Intro) para enviarlo por el escáner simulado, como un escaneo real. Empiece con una tarjeta y su PIN, luego una etiqueta de devolución y sus artículos.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="128"/>
        <source>Any code, e.g. SO-500001</source>
        <translation>Cualquier código, p. ej. SO-500001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="129"/>
        <source>Scan</source>
        <translation>Escanear</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="130"/>
        <source>Show to camera</source>
        <translation>Mostrar a la cámara</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="132"/>
        <source>Hold the code typed here (or the selected sample) up to the simulated camera for a few seconds.</source>
        <translation>Muestra a la cámara simulada, durante unos segundos, el código escrito aquí (o el ejemplo seleccionado).</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="134"/>
        <source>An RFID-tagged item on the reader</source>
        <translation>Un artículo con etiqueta RFID en el lector</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="135"/>
        <source>Printer out of labels</source>
        <translation>Impresora sin etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="136"/>
        <source>Central server unreachable</source>
        <translation>Servidor central inalcanzable</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="138"/>
        <source>Central RMS simulator: %1</source>
        <translation>Simulador del RMS central: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="139"/>
        <source>Label printer simulator: %1</source>
        <translation>Simulador de impresora de etiquetas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="140"/>
        <source>Serial scanner simulator: %1</source>
        <translation>Simulador de escáner serie: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="141"/>
        <source>LLRP RFID reader simulator: %1</source>
        <translation>Simulador de lector RFID LLRP: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="142"/>
        <source>Camera simulator: %1</source>
        <translation>Simulador de cámara: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="145"/>
        <source>No RFID reader is wired into this build yet.</source>
        <translation>Esta versión aún no tiene lector RFID conectado.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="146"/>
        <source>No central server is set up: changes stay on this station.</source>
        <translation>No hay servidor central configurado: los cambios se quedan en esta estación.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="147"/>
        <source>No label printer is set up: labels wait on the Labels screen.</source>
        <translation>No hay impresora de etiquetas configurada: las etiquetas esperan en la pantalla Etiquetas.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="148"/>
        <source>No scanner simulator: the samples go straight to the station.</source>
        <translation>Sin simulador de escáner: los ejemplos van directamente a la estación.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="189"/>
        <source>Type a code or select a sample first, then show it to the camera.</source>
        <translation>Escriba un código o seleccione un ejemplo y luego muéstrelo a la cámara.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="211"/>
        <source>Central is unreachable now: keep working, changes wait in the queue.</source>
        <translation>La central está inalcanzable: siga trabajando, los cambios esperan en la cola.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="213"/>
        <source>Central is back: the queue empties by itself.</source>
        <translation>La central ha vuelto: la cola se vacía sola.</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../devices/manager.py" line="52"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="53"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="54"/>
        <source>Testing</source>
        <translation>Probando</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="55"/>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="56"/>
        <source>Removed</source>
        <translation>Quitado</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="317"/>
        <source>{kind} is not ready ({state}): {reason}</source>
        <translation>{kind}: no disponible ({state}): {reason}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="319"/>
        <source>{kind} is not ready ({state})</source>
        <translation>{kind}: no disponible ({state})</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="331"/>
        <source>The test could not run: {problem}</source>
        <translation>No se pudo hacer la prueba: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="427"/>
        <source>{kind} not connected: {problem}</source>
        <translation>{kind}: sin conexión: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="432"/>
        <source>{kind} could not start: {problem}</source>
        <translation>{kind}: no pudo arrancar: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="450"/>
        <source>{reason} (retrying in {seconds:.1f} s)</source>
        <translation>{reason} (se reintenta en {seconds:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="465"/>
        <source>{kind} disconnected: check its cable and power</source>
        <translation>{kind}: sin conexión: revise el cable y la alimentación</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="56"/>
        <source>A GS1 barcode needs at least one value (for example the GTIN).</source>
        <translation>Un código GS1 necesita al menos un valor (por ejemplo, el GTIN).</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="65"/>
        <source>GS1 data {data} cannot be printed: {problem}</source>
        <translation>Los datos GS1 {data} no se pueden imprimir: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="69"/>
        <source>GS1 data {data} is not what it seems: check the values.</source>
        <translation>Los datos GS1 {data} no son lo que parecen: revise los valores.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="74"/>
        <source>Cannot print GS1 ({ai}) {value}: {problem}</source>
        <translation>No se puede imprimir GS1 ({ai}) {value}: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="134"/>
        <source>A barcode needs a value to encode.</source>
        <translation>Un código de barras necesita un valor que codificar.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="137"/>
        <source>Code 128 barcodes here carry plain letters and digits only, not {characters}.</source>
        <translation>Aquí los códigos Code 128 solo llevan letras y cifras sencillas, no {characters}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="168"/>
        <source>A QR code needs a value to encode.</source>
        <translation>Un código QR necesita un valor que codificar.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="183"/>
        <source>A DataMatrix needs a value to encode.</source>
        <translation>Un código DataMatrix necesita un valor que codificar.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="105"/>
        <source>{advice} ({detail})</source>
        <translation>{advice} ({detail})</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="201"/>
        <source>Print at least one copy.</source>
        <translation>Imprima al menos una copia.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="219"/>
        <source>That label is not in this station&apos;s print history, so it cannot be reprinted.</source>
        <translation>Esa etiqueta no está en el historial de impresión de esta estación, así que no se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="30"/>
        <source>The printer is ready.</source>
        <translation>La impresora está lista.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="31"/>
        <source>The printer is out of labels: load a new roll and close the lid.</source>
        <translation>La impresora no tiene etiquetas: ponga un rollo nuevo y cierre la tapa.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="34"/>
        <source>The printer is out of ribbon: load a new ribbon and close the lid.</source>
        <translation>La impresora no tiene cinta: ponga una cinta nueva y cierre la tapa.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="37"/>
        <source>The printer lid is open: close it firmly until it clicks.</source>
        <translation>La tapa de la impresora está abierta: ciérrela con firmeza hasta que haga clic.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="38"/>
        <source>The printer is paused: press the pause button on the printer to resume.</source>
        <translation>La impresora está en pausa: pulse el botón de pausa de la impresora para continuar.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="41"/>
        <location filename="../../devices/printing/transport.py" line="29"/>
        <source>The printer does not answer: check that it is switched on and its cable is plugged in.</source>
        <translation>La impresora no responde: compruebe que está encendida y que el cable está conectado.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="228"/>
        <source>{price} is not a price.</source>
        <translation>{price} no es un precio.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="495"/>
        <source>The stored fields of this {template} label cannot be read: {problem}</source>
        <translation>No se pueden leer los campos guardados de esta etiqueta {template}: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="501"/>
        <source>the licence plate (LPN)</source>
        <translation>la matrícula (LPN)</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="507"/>
        <source>The label cannot be printed without {what}.</source>
        <translation>La etiqueta no se puede imprimir sin {what}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="528"/>
        <source>a resale price</source>
        <translation>un precio de reventa</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="534"/>
        <source>the product&apos;s GTIN</source>
        <translation>el GTIN del producto</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="124"/>
        <source>The printer at {printer} stopped taking data: {advice}</source>
        <translation>La impresora en {printer} dejó de aceptar datos: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="137"/>
        <source>The connection to the printer at {printer} broke.</source>
        <translation>Se cortó la conexión con la impresora en {printer}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="141"/>
        <source>The printer at {printer} hung up.</source>
        <translation>La impresora en {printer} cortó la conexión.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="170"/>
        <source>Cannot reach the printer at {printer}: {advice}</source>
        <translation>No se puede llegar a la impresora en {printer}: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="193"/>
        <source>The printer on {printer} stopped taking data: {advice}</source>
        <translation>La impresora en {printer} dejó de aceptar datos: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="204"/>
        <source>The line to the printer on {printer} broke.</source>
        <translation>Se cortó la línea con la impresora en {printer}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="240"/>
        <source>Cannot open the printer port {port}: {advice}</source>
        <translation>No se puede abrir el puerto de la impresora {port}: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="265"/>
        <location filename="../../devices/printing/transport.py" line="269"/>
        <source>The print queue {queue} did not take the label: {problem}</source>
        <translation>La cola de impresión {queue} no aceptó la etiqueta: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="41"/>
        <source>Reader is in use by another station</source>
        <translation>El lector lo está usando otra estación</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="42"/>
        <location filename="../../devices/rfid/uhf_serial.py" line="57"/>
        <source>Reading tags</source>
        <translation>Leyendo etiquetas</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="43"/>
        <location filename="../../devices/rfid/uhf_serial.py" line="58"/>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="44"/>
        <location filename="../../devices/scanning/serial_scanner.py" line="436"/>
        <source>start reading</source>
        <translation>empezar a leer</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="164"/>
        <source>The RFID reader at {address} closed the connection.</source>
        <translation>El lector RFID en {address} cerró la conexión.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="177"/>
        <source>The RFID reader at {address} stopped answering (nothing heard for {seconds:.0f} s).</source>
        <translation>El lector RFID en {address} dejó de responder (nada recibido en {seconds:.0f} s).</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="288"/>
        <source>Connecting to {address}</source>
        <translation>Conectando con {address}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="293"/>
        <source>no RFID reader answers at {address} (is it switched on?): {problem}</source>
        <translation>ningún lector RFID responde en {address} (¿está encendido?): {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="335"/>
        <source>The RFID reader is not connected.</source>
        <translation>El lector RFID no está conectado.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="336"/>
        <source>Hold a tagged item near the antenna.</source>
        <translation>Acerque a la antena un artículo con etiqueta.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="345"/>
        <source>the device at {address} did not greet us as an LLRP reader: {problem}</source>
        <translation>el dispositivo en {address} no se presentó como lector LLRP: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="349"/>
        <source>the device at {address} did not greet us as an LLRP reader</source>
        <translation>el dispositivo en {address} no se presentó como lector LLRP</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="355"/>
        <source>the RFID reader at {address} refused the connection (status {status})</source>
        <translation>el lector RFID en {address} rechazó la conexión (estado {status})</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="360"/>
        <source>report its capabilities</source>
        <translation>informar de sus capacidades</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="365"/>
        <source>The RFID reader&apos;s capabilities could not be read: {problem}</source>
        <translation>No se pudieron leer las capacidades del lector RFID: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="368"/>
        <source>report its configuration</source>
        <translation>informar de su configuración</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="375"/>
        <source>accept our settings</source>
        <translation>aceptar nuestros ajustes</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="380"/>
        <source>clear old access specs</source>
        <translation>borrar las especificaciones de acceso antiguas</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="385"/>
        <source>clear old inventories</source>
        <translation>borrar los inventarios antiguos</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="395"/>
        <source>take our inventory settings</source>
        <translation>aceptar nuestros ajustes de inventario</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="418"/>
        <source>the RFID reader at {address} went away: {problem}</source>
        <translation>el lector RFID en {address} desapareció: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="422"/>
        <source>the RFID reader went away while asked to {what}: {problem}</source>
        <translation>el lector RFID desapareció cuando se le pidió {what}: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="425"/>
        <source>the RFID reader went away while asked to {what}</source>
        <translation>el lector RFID desapareció cuando se le pidió {what}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="427"/>
        <source>the RFID reader did not answer within {seconds:g} s when asked to {what}</source>
        <translation>el lector RFID no respondió en {seconds:g} s cuando se le pidió {what}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="432"/>
        <source>The RFID reader refused to {what}: {problem}</source>
        <translation>El lector RFID se negó a {what}: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="450"/>
        <source>The RFID reader connection ended.</source>
        <translation>La conexión con el lector RFID terminó.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="142"/>
        <source>No RFID tag was read within {seconds:g} s. {hint}</source>
        <translation>No se leyó ninguna etiqueta RFID en {seconds:g} s. {hint}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="147"/>
        <source>Test read OK: tag {epc} on antenna {antenna}, signal {rssi} dBm.</source>
        <translation>Lectura de prueba correcta: etiqueta {epc} en la antena {antenna}, señal {rssi} dBm.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="149"/>
        <source>Test read OK: tag {epc} on antenna {antenna}.</source>
        <translation>Lectura de prueba correcta: etiqueta {epc} en la antena {antenna}.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="151"/>
        <source>Test read OK: tag {epc}, signal {rssi} dBm.</source>
        <translation>Lectura de prueba correcta: etiqueta {epc}, señal {rssi} dBm.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="153"/>
        <source>Test read OK: tag {epc}.</source>
        <translation>Lectura de prueba correcta: etiqueta {epc}.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="27"/>
        <source>it identifies a shipping container (SSCC)</source>
        <translation>identifica un contenedor de envío (SSCC)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="28"/>
        <source>it identifies a location (SGLN)</source>
        <translation>identifica una ubicación (SGLN)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="29"/>
        <source>it identifies a returnable asset (GRAI)</source>
        <translation>identifica un activo retornable (GRAI)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="30"/>
        <source>it identifies a fixed asset (GIAI)</source>
        <translation>identifica un activo fijo (GIAI)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="31"/>
        <source>it carries a general identifier (GID)</source>
        <translation>lleva un identificador general (GID)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="33"/>
        <source>it carries a {scheme} code</source>
        <translation>lleva un código {scheme}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="34"/>
        <source>its EPC header is {header}</source>
        <translation>su cabecera EPC es {header}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="36"/>
        <source>This RFID tag could not be read properly (its code is damaged). Read it again.</source>
        <translation>Esta etiqueta RFID no se pudo leer bien (su código está dañado). Léala de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="39"/>
        <source>This RFID tag is not a product tag: {what}. It cannot be matched to an item.</source>
        <translation>Esta etiqueta RFID no es de producto: {what}. No se puede asociar a ningún artículo.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="53"/>
        <source>The RFID reader&apos;s data arrived damaged. Hold the item on the reader again if nothing appears.</source>
        <translation>Los datos del lector RFID llegaron dañados. Si no aparece nada, vuelva a poner el artículo en el lector.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="56"/>
        <source>The UHF RFID reader does not answer: check its cable, power and baud rate.</source>
        <translation>El lector RFID UHF no responde: revise el cable, la alimentación y la velocidad en baudios.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="259"/>
        <source>UHF RFID reader</source>
        <translation>lector RFID UHF</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="294"/>
        <source>The UHF RFID reader is not connected.</source>
        <translation>El lector RFID UHF no está conectado.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="295"/>
        <source>Put a tagged item on the reader.</source>
        <translation>Ponga un artículo con etiqueta en el lector.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="388"/>
        <source>The UHF RFID reader was disconnected: {problem}</source>
        <translation>El lector RFID UHF se desconectó: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="64"/>
        <source>Unreadable scan: it is longer than any barcode we use (more than {limit} characters). Scan again.</source>
        <translation>Escaneo ilegible: es más largo que cualquier código de barras que usamos (más de {limit} caracteres). Escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="67"/>
        <source>Unreadable scan: the scanner sent data that is not text. Scan again.</source>
        <translation>Escaneo ilegible: el escáner envió datos que no son texto. Escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="68"/>
        <source>Unreadable scan: the data contains control characters. Scan again; if it keeps happening, check the scanner&apos;s settings.</source>
        <translation>Escaneo ilegible: los datos contienen caracteres de control. Escanee de nuevo; si sigue pasando, revise la configuración del escáner.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="73"/>
        <source>Nothing was read. Scan again.</source>
        <translation>No se leyó nada. Escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="74"/>
        <source>Unreadable barcode: check digit is wrong. Scan again or type the number from the label.</source>
        <translation>Código de barras ilegible: el dígito de control es incorrecto. Escanee de nuevo o escriba el número de la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="77"/>
        <source>Unreadable GS1 barcode: the data does not follow the GS1 rules. Scan again or type the number from the label.</source>
        <translation>Código GS1 ilegible: los datos no siguen las reglas GS1. Escanee de nuevo o escriba el número de la etiqueta.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="81"/>
        <source>This RFID tag is not a product tag (SGTIN-96); it cannot be matched to an item.</source>
        <translation>Esta etiqueta RFID no es de producto (SGTIN-96); no se puede asociar a ningún artículo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="55"/>
        <source>The scanner&apos;s data arrived damaged. Scan again.</source>
        <translation>Los datos del escáner llegaron dañados. Escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="56"/>
        <source>The scanner&apos;s data arrived damaged; it was asked to send it again. Scan again if nothing appears.</source>
        <translation>Los datos del escáner llegaron dañados; se le pidió que los envíe de nuevo. Si no aparece nada, escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="61"/>
        <source>a GS1 product code</source>
        <translation>un código de producto GS1</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="62"/>
        <source>a product code (GTIN)</source>
        <translation>un código de producto (GTIN)</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="63"/>
        <source>a shipping container code (SSCC)</source>
        <translation>un código de contenedor de envío (SSCC)</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="64"/>
        <source>a carrier tracking number</source>
        <translation>un número de seguimiento del transportista</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="65"/>
        <source>an RMA number</source>
        <translation>un número de RMA</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="66"/>
        <source>an order number</source>
        <translation>un número de pedido</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="67"/>
        <source>a licence plate</source>
        <translation>una matrícula</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="68"/>
        <source>an RFID product tag</source>
        <translation>una etiqueta RFID de producto</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="69"/>
        <source>an operator badge</source>
        <translation>una tarjeta de operario</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="70"/>
        <source>text the station does not recognise</source>
        <translation>texto que la estación no reconoce</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="346"/>
        <source>scanner</source>
        <translation>escáner</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="402"/>
        <source>The scanner was disconnected during the test: check its cable.</source>
        <translation>El escáner se desconectó durante la prueba: revise el cable.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="406"/>
        <source>No barcode was read within {seconds:g} s.</source>
        <translation>No se leyó ningún código de barras en {seconds:g} s.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="408"/>
        <source>No barcode was read within {seconds:g} s. Scan any barcode while the test runs.</source>
        <translation>No se leyó ningún código de barras en {seconds:g} s. Escanee cualquier código mientras dura la prueba.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="413"/>
        <source>The scanner works but the test read was not usable: {problem}</source>
        <translation>El escáner funciona, pero la lectura de prueba no sirve: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="415"/>
        <source>Test scan OK: read “{text}”, {what} ({symbology}).</source>
        <translation>Escaneo de prueba correcto: se leyó «{text}», {what} ({symbology}).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="438"/>
        <source>stop reading</source>
        <translation>dejar de leer</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="445"/>
        <source>This scanner cannot be triggered from the station: press its trigger.</source>
        <translation>Este escáner no se puede activar desde la estación: pulse su gatillo.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="449"/>
        <source>enable scanning</source>
        <translation>activar el escaneo</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="452"/>
        <source>disable scanning</source>
        <translation>desactivar el escaneo</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="455"/>
        <source>beep</source>
        <translation>pitar</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="458"/>
        <source>switch its LED on</source>
        <translation>encender su LED</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="461"/>
        <source>switch its LED off</source>
        <translation>apagar su LED</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="467"/>
        <source>change a setting</source>
        <translation>cambiar un ajuste</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="474"/>
        <source>report its firmware revision</source>
        <translation>informar de su versión de firmware</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="500"/>
        <source>This scanner is in plain mode: it cannot be told to {what}.</source>
        <translation>Este escáner está en modo simple: no se le puede pedir {what}.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="506"/>
        <source>The scanner is not connected, so it cannot {what}.</source>
        <translation>El escáner no está conectado, así que no puede {what}.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="513"/>
        <source>The scanner did not answer when asked to {what}: check the cable.</source>
        <translation>El escáner no respondió cuando se le pidió {what}: revise el cable.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="518"/>
        <source>The scanner refused to {what}.</source>
        <translation>El escáner se negó a {what}.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="535"/>
        <source>The scanner is not connected.</source>
        <translation>El escáner no está conectado.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="540"/>
        <source>The scanner could not be reached: {problem}</source>
        <translation>No se pudo llegar al escáner: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/symbology.py" line="103"/>
        <source>unknown symbology</source>
        <translation>simbología desconocida</translation>
    </message>
    <message>
        <location filename="../../devices/serial_port.py" line="20"/>
        <source>no {what} at {url} (is it plugged in?): {problem}</source>
        <translation>no hay {what} en {url} (¿está conectado?): {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="206"/>
        <source>The camera read no barcode within {seconds:g} s. Hold one in front of it.</source>
        <translation>La cámara no leyó ningún código de barras en {seconds:g} s. Ponga uno delante de ella.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="212"/>
        <source>The camera works but the test read was not usable: {problem}</source>
        <translation>La cámara funciona, pero la lectura de prueba no sirve: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="215"/>
        <source>Test scan OK: the camera read “{text}”.</source>
        <translation>Escaneo de prueba correcto: la cámara leyó «{text}».</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="245"/>
        <source>Camera OK: a {width}×{height} {kind} picture of {size} in {milliseconds:.0f} ms.</source>
        <translation>Cámara correcta: una imagen {kind} de {width}×{height} y {size} en {milliseconds:.0f} ms.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="316"/>
        <source>The connection to the camera at {address} was closed.</source>
        <translation>Se cerró la conexión con la cámara en {address}.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="348"/>
        <source>The camera at {address} cannot be reached (no answer within {seconds:g} s): check that it is switched on, plugged into the network, and that the camera URL in Settings is right.</source>
        <translation>No se puede llegar a la cámara en {address} (sin respuesta en {seconds:g} s): compruebe que está encendida y conectada a la red, y que la URL de la cámara en Ajustes es correcta.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="355"/>
        <source>The camera at {address} did not send a picture within {seconds:g} s: check that it is switched on and not busy.</source>
        <translation>La cámara en {address} no envió ninguna imagen en {seconds:g} s: compruebe que está encendida y que no está ocupada.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="362"/>
        <source>The camera at {address} cannot be reached ({reason}): check that it is switched on, plugged into the network, and that the camera URL in Settings is right.</source>
        <translation>No se puede llegar a la cámara en {address} ({reason}): compruebe que está encendida y conectada a la red, y que la URL de la cámara en Ajustes es correcta.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="369"/>
        <source>The camera at {address} broke off the connection ({reason}): check its network cable and power.</source>
        <translation>La cámara en {address} cortó la conexión ({reason}): revise su cable de red y la alimentación.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="375"/>
        <source>The camera at {address} did not answer with a picture ({reason}): check the camera URL in Settings.</source>
        <translation>La cámara en {address} no respondió con una imagen ({reason}): revise la URL de la cámara en Ajustes.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="385"/>
        <source>The camera at {address} refused the station (HTTP {code}): check the user name and password in the camera URL (http://user:password@camera/...).</source>
        <translation>La cámara en {address} rechazó a la estación (HTTP {code}): revise el nombre de usuario y la contraseña en la URL de la cámara (http://user:password@camera/...).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="391"/>
        <source>The camera at {address} refused the station (HTTP {code}): it wants a user name and password: put them in the camera URL (http://user:password@camera/...).</source>
        <translation>La cámara en {address} rechazó a la estación (HTTP {code}): pide nombre de usuario y contraseña; póngalos en la URL de la cámara (http://user:password@camera/...).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="398"/>
        <source>The camera at {address} has no picture at that address (HTTP 404): check the path of the camera URL (for an Axis camera /axis-cgi/jpg/image.cgi).</source>
        <translation>La cámara en {address} no tiene ninguna imagen en esa dirección (HTTP 404): revise la ruta de la URL de la cámara (en una cámara Axis, /axis-cgi/jpg/image.cgi).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="407"/>
        <source>The camera at {address} reported a fault (HTTP {status}) instead of a picture: it may be starting up; if it stays so, restart the camera.</source>
        <translation>La cámara en {address} informó de un fallo (HTTP {status}) en lugar de enviar una imagen: puede que esté arrancando; si sigue así, reinicie la cámara.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="413"/>
        <source>The camera at {address} answered HTTP {status} instead of a picture: check the camera URL.</source>
        <translation>La cámara en {address} respondió HTTP {status} en lugar de una imagen: revise la URL de la cámara.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="419"/>
        <source>The camera at {address} sent a picture of {size}, more than the {limit} the station keeps: set the camera to a lower resolution or a higher JPEG compression.</source>
        <translation>La cámara en {address} envió una imagen de {size}, más de los {limit} que guarda la estación: configure la cámara con menos resolución o más compresión JPEG.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="436"/>
        <source>no content type</source>
        <translation>sin tipo de contenido</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="438"/>
        <source>The camera at {address} answered with nothing ({what}) instead of a picture.</source>
        <translation>La cámara en {address} no envió nada ({what}) en lugar de una imagen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="453"/>
        <source>The camera at {address} answered with something that is not a picture ({what}, {size}): check that the camera URL is its snapshot address (for an Axis camera http://camera/axis-cgi/jpg/image.cgi).</source>
        <translation>La cámara en {address} respondió con algo que no es una imagen ({what}, {size}): compruebe que la URL de la cámara es su dirección de instantáneas (en una cámara Axis, http://camera/axis-cgi/jpg/image.cgi).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="460"/>
        <source>The camera at {address} sent a {kind} picture; the station keeps JPEG or PNG: set the camera to JPEG snapshots.</source>
        <translation>La cámara en {address} envió una imagen {kind}; la estación guarda JPEG o PNG: configure la cámara para tomar instantáneas JPEG.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="467"/>
        <source>The camera at {address} sent a picture of only {width}×{height} pixels: it may have no picture to give (lens covered, sensor off), or it is set to a tiny resolution.</source>
        <translation>La cámara en {address} envió una imagen de solo {width}×{height} píxeles: puede que no tenga imagen que dar (objetivo tapado, sensor apagado) o que esté configurada con una resolución mínima.</translation>
    </message>
</context>
<context>
    <name>DispositionScreen</name>
    <message>
        <location filename="../../ui/screens/disposition.py" line="136"/>
        <source>Override the proposed outcome</source>
        <translation>Cambiar el destino propuesto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="137"/>
        <source>Where the unit goes</source>
        <translation>Adónde va la unidad</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Outcome</source>
        <translation>&amp;Destino</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Location or tote</source>
        <translation>&amp;Ubicación o caja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Why (required)</source>
        <translation>&amp;Por qué (obligatorio)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="141"/>
        <source>Save override</source>
        <translation>Guardar cambio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="142"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="199"/>
        <source>No outcome yet: inspect the unit first (F3), or scan a licence plate.</source>
        <translation>Aún no hay destino: inspeccione primero la unidad (F3) o escanee una matrícula.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="201"/>
        <source>Scan a licence plate to see its outcome.</source>
        <translation>Escanee una matrícula para ver su destino.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208"/>
        <source>Overridden: %1</source>
        <translation>Cambiado: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208"/>
        <source>Why: %1</source>
        <translation>Por qué: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="211"/>
        <source>A supervisor must approve:</source>
        <translation>Un supervisor debe aprobar:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="213"/>
        <source>No approval needed.</source>
        <translation>No necesita aprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="214"/>
        <source>Unit state: %1</source>
        <translation>Estado de la unidad: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="231"/>
        <source>%1 waits for a supervisor: %2 Ask one to approve on Approvals (F5).</source>
        <translation>%1 espera a un supervisor: %2 Pida a uno que lo apruebe en Aprobaciones (F5).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="242"/>
        <source>There is no proposed outcome to override yet.</source>
        <translation>Aún no hay un destino propuesto que cambiar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="263"/>
        <source>Override saved: %1 to %2. Confirm it (Ctrl+Enter).</source>
        <translation>Cambio guardado: %1 a %2. Confírmelo (Ctrl+Intro).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="274"/>
        <source>There is no proposed outcome for this unit yet: inspect it first.</source>
        <translation>Esta unidad aún no tiene destino propuesto: inspecciónela primero.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../ui/feedback.py" line="191"/>
        <source>Something went wrong — the action was not saved. Try again; if it happens again, call IT.</source>
        <translation>Algo salió mal — la acción no se guardó. Inténtelo de nuevo; si vuelve a pasar, llame a IT.</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <location filename="../../ui/screens/history.py" line="57"/>
        <source>Units found</source>
        <translation>Unidades encontradas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="60"/>
        <source>Timeline of the selected unit</source>
        <translation>Historial de la unidad seleccionada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="74"/>
        <source>Licence plate, serial, RMA, tracking or order number — or scan it</source>
        <translation>Matrícula, n.º de serie, RMA, seguimiento o pedido — o escanéelo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="75"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="109"/>
        <source>%1 unit(s) found for “%2”.</source>
        <translation>%1 unidad(es) encontrada(s) para «%2».</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="113"/>
        <source>Nothing found for “%1”.</source>
        <translation>No se encontró nada para «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="114"/>
        <source>Nothing found for “%1”. Check the number and try again.</source>
        <translation>No se encontró nada para «%1». Compruebe el número e inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>InspectScreen</name>
    <message>
        <location filename="../../ui/screens/inspect.py" line="185"/>
        <source>Checklist</source>
        <translation>Lista de comprobación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="186"/>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="187"/>
        <source>Defects, notes and photos</source>
        <translation>Defectos, notas y fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="188"/>
        <source>&amp;Defect codes</source>
        <translation>Códigos de &amp;defecto</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="189"/>
        <source>e.g. SCRATCH, DENT (comma between codes)</source>
        <translation>p. ej. SCRATCH, DENT (coma entre códigos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="190"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="191"/>
        <source>P&amp;hotos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="248"/>
        <source>The last unit&apos;s inspection was not saved: its photos and notes are cleared.</source>
        <translation>La inspección de la unidad anterior no se guardó: se borraron sus fotos y notas.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="276"/>
        <source>No unit selected: scan a licence plate, or pick a unit on Receive (F2).</source>
        <translation>Ninguna unidad seleccionada: escanee una matrícula o elija una unidad en Recibir (F2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="278"/>
        <source>serial %1</source>
        <translation>n.º de serie %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="281"/>
        <source>graded %1</source>
        <translation>grado %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="303"/>
        <source>Loading the checklist…</source>
        <translation>Cargando la lista de comprobación…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="303"/>
        <source>Select a unit to see its checklist.</source>
        <translation>Seleccione una unidad para ver su lista de comprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="309"/>
        <source>— choose —</source>
        <translation>— elegir —</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="311"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="312"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="323"/>
        <source>* must be answered</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="366"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="367"/>
        <source>(not sellable)</source>
        <translation>(no vendible)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="381"/>
        <source>This grade needs at least one photo of the damage: take one (Ctrl+Shift+T) or add one from a file (Ctrl+Shift+F).</source>
        <translation>Este grado necesita al menos una foto del daño: tome una (Ctrl+Shift+T) o añada una desde un archivo (Ctrl+Shift+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="387"/>
        <source>This grade needs at least one photo of the damage: add one (Ctrl+Shift+F).</source>
        <translation>Este grado necesita al menos una foto del daño: añada una (Ctrl+Shift+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="390"/>
        <source>%1 photo(s) will be saved with the inspection.</source>
        <translation>Se guardarán %1 foto(s) con la inspección.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="392"/>
        <source>Photos are optional for this grade.</source>
        <translation>Las fotos son opcionales para este grado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="398"/>
        <source>No camera is set up on this station: add photos from files (Ctrl+Shift+F).</source>
        <translation>Esta estación no tiene cámara configurada: añada fotos desde archivos (Ctrl+Shift+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="402"/>
        <source>The camera is connecting…</source>
        <translation>La cámara se está conectando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="405"/>
        <source>The camera is not connected.</source>
        <translation>La cámara no está conectada.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="410"/>
        <source>Taking a photo…</source>
        <translation>Tomando una foto…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="414"/>
        <source>Camera ready: Take photo (Ctrl+Shift+T).</source>
        <translation>Cámara lista: Tomar foto (Ctrl+Shift+T).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="454"/>
        <source>The photo of %1 was not kept: the form shows another unit now.</source>
        <translation>La foto de %1 no se ha guardado: el formulario muestra ahora otra unidad.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="465"/>
        <source>Camera photo %1 (%2×%3)</source>
        <translation>Foto de cámara %1 (%2×%3)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="462"/>
        <source>Photo taken of %1.</source>
        <translation>Foto tomada de %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="469"/>
        <source>Add photos</source>
        <translation>Añadir fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="469"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="429"/>
        <location filename="../../ui/screens/inspect.py" line="480"/>
        <source>Select a unit to inspect first.</source>
        <translation>Seleccione primero una unidad para inspeccionar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="483"/>
        <source>Choose a grade (arrow keys in the grade list).</source>
        <translation>Elija un grado (teclas de flecha en la lista de grados).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="509"/>
        <source>Inspection saved. Proposed: %1 to %2.</source>
        <translation>Inspección guardada. Propuesta: %1 a %2.</translation>
    </message>
</context>
<context>
    <name>LabelsScreen</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="67"/>
        <source>Waiting to print</source>
        <translation>Pendientes de imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="69"/>
        <source>Printed since the station started</source>
        <translation>Impresas desde que arrancó la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="73"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="95"/>
        <source>Select a label to see it.</source>
        <translation>Seleccione una etiqueta para verla.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="125"/>
        <source>Printer: no news yet</source>
        <translation>Impresora: aún sin noticias</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="127"/>
        <source>The printer&apos;s state shows here after the first label or status check.</source>
        <translation>El estado de la impresora aparece aquí tras la primera etiqueta o comprobación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="130"/>
        <source>Printer: %1</source>
        <translation>Impresora: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="133"/>
        <source>Waiting labels print when you press Print waiting labels (Ctrl+Shift+P).</source>
        <translation>Las etiquetas pendientes se imprimen al pulsar Imprimir etiquetas pendientes (Ctrl+Shift+P).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="157"/>
        <source>No label printer is set up, so there is no preview.</source>
        <translation>No hay impresora de etiquetas configurada, así que no hay vista previa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="171"/>
        <source>The preview could not be drawn.</source>
        <translation>No se pudo dibujar la vista previa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="180"/>
        <source>%1 found. Reprint (Ctrl+P) prints its licence plate, or its routing label once it has an outcome.</source>
        <translation>%1 encontrada. Reimprimir (Ctrl+P) imprime su matrícula, o su etiqueta de destino cuando tenga destino.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="183"/>
        <source>%1: press Ctrl+P to reprint its label.</source>
        <translation>%1: pulse Ctrl+P para reimprimir su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="200"/>
        <source>Select a label, or scan a licence plate, to reprint.</source>
        <translation>Seleccione una etiqueta o escanee una matrícula para reimprimir.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="204"/>
        <source>Label for %1 printed again.</source>
        <translation>Etiqueta de %1 impresa de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="232"/>
        <source>%1 label(s) still waiting: fix the printer, then try again.</source>
        <translation>%1 etiqueta(s) aún pendiente(s): arregle la impresora e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="235"/>
        <source>All %1 waiting label(s) printed.</source>
        <translation>Se imprimieron las %1 etiqueta(s) pendiente(s).</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/words.py" line="36"/>
        <source>en</source>
        <translation>es</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window.py" line="189"/>
        <source>Returns Station %1</source>
        <translation>Estación de devoluciones %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="193"/>
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="194"/>
        <source>Scan, or type a code and press Enter (Ctrl+L)</source>
        <translation>Escanee, o escriba un código y pulse Intro (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="195"/>
        <source>☰ Menu</source>
        <translation>☰ Menú</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="204"/>
        <source>Demo</source>
        <translation>Demostración</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="222"/>
        <source>open %1</source>
        <translation>abrir %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="267"/>
        <source>More…</source>
        <translation>Más…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="315"/>
        <source>The camera read %1. On Inspect it only opens licence plates.</source>
        <translation>La cámara leyó %1. En Inspeccionar solo abre matrículas.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="319"/>
        <source>Someone is already signed in. Sign out first (Ctrl+Shift+Q).</source>
        <translation>Ya hay alguien con sesión iniciada. Cierre la sesión primero (Ctrl+Shift+Q).</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="355"/>
        <source>Station locked after inactivity. Scan your badge to continue.</source>
        <translation>Estación bloqueada por inactividad. Escanee su tarjeta para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="359"/>
        <source>Signed out.</source>
        <translation>Sesión cerrada.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="369"/>
        <source>Scan your badge to sign in.</source>
        <translation>Escanee su tarjeta para iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="370"/>
        <source>Ready: scan anything.</source>
        <translation>Lista: escanee lo que sea.</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../ui/preferences.py" line="55"/>
        <source>Station id</source>
        <translation>ID de estación</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="56"/>
        <source>Central server URL</source>
        <translation>URL del servidor central</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="57"/>
        <source>Scanner port</source>
        <translation>Puerto del escáner</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="58"/>
        <source>Printer address</source>
        <translation>Dirección de la impresora</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="59"/>
        <source>RFID reader address</source>
        <translation>Dirección del lector RFID</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="60"/>
        <source>Camera address</source>
        <translation>Dirección de la cámara</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="61"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="62"/>
        <source>Layout</source>
        <translation>Diseño</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="149"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="215"/>
        <source>change the station settings</source>
        <translation>cambiar la configuración de la estación</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="224"/>
        <source>%1 is set by IT in %2 and cannot be changed here.</source>
        <translation>%1: lo fija TI en %2 y no se puede cambiar aquí.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="233"/>
        <source>The settings were not saved. %1</source>
        <translation>La configuración no se guardó. %1</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="245"/>
        <source>The settings could not be saved (disk full or not writable). Ask IT.</source>
        <translation>No se pudo guardar la configuración (disco lleno o sin permiso de escritura). Avise a TI.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="264"/>
        <source>The settings were not saved: %1 is not a valid settings file (%2). Ask IT to correct it.</source>
        <translation>La configuración no se guardó: %1 no es un archivo de configuración válido (%2). Pida a TI que lo corrija.</translation>
    </message>
</context>
<context>
    <name>ReceiveScreen</name>
    <message>
        <location filename="../../ui/screens/receive.py" line="99"/>
        <source>Expected lines</source>
        <translation>Líneas esperadas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="102"/>
        <source>Units received</source>
        <translation>Unidades recibidas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="104"/>
        <source>Exceptions</source>
        <translation>Incidencias</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="148"/>
        <source>Scan the RMA, the return label, the tracking number, the order number or an item to open its return.</source>
        <translation>Escanee el RMA, la etiqueta de devolución, el número de seguimiento, el número de pedido o un artículo para abrir su devolución.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="151"/>
        <source>Report a problem with this return</source>
        <translation>Informar de un problema con esta devolución</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="152"/>
        <source>What is wrong, in a few words</source>
        <translation>Qué está mal, en pocas palabras</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="153"/>
        <source>Save problem</source>
        <translation>Guardar problema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="154"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="206"/>
        <source>Return %1 is open: scan its items.</source>
        <translation>La devolución %1 está abierta: escanee sus artículos.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="209"/>
        <source>Same scan again: ignored.</source>
        <translation>El mismo escaneo otra vez: ignorado.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="216"/>
        <source>Received %1 as %2. Stick the licence plate on it.</source>
        <translation>%1 recibido como %2. Pegue la matrícula.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="242"/>
        <source>Licence plate not printed: %1</source>
        <translation>Matrícula no impresa: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="249"/>
        <source>Select a received unit first (arrow keys), then Inspect.</source>
        <translation>Seleccione primero una unidad recibida (teclas de flecha) y luego Inspeccionar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="265"/>
        <source>Blind receipt opened: scan the parcel&apos;s items. Central resolves it later.</source>
        <translation>Recepción sin autorización abierta: escanee los artículos del paquete. La central lo resuelve después.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="278"/>
        <source>Recorded: parcel arrived damaged. Photograph it before unpacking.</source>
        <translation>Registrado: el paquete llegó dañado. Fotografíelo antes de desembalar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="285"/>
        <location filename="../../ui/screens/receive.py" line="333"/>
        <source>Open a return first: scan its label.</source>
        <translation>Abra primero una devolución: escanee su etiqueta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="303"/>
        <source>Problem recorded: %1.</source>
        <translation>Problema registrado: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="321"/>
        <source>Return %1 closed; %2 item(s) missing were reported to central.</source>
        <translation>Devolución %1 cerrada; se informó a la central de %2 artículo(s) que faltan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="324"/>
        <source>Return %1 closed: complete.</source>
        <translation>Devolución %1 cerrada: completa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="352"/>
        <source>Return %1 — %2</source>
        <translation>Devolución %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="355"/>
        <source>Order %1</source>
        <translation>Pedido %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="357"/>
        <source>Tracking %1</source>
        <translation>Seguimiento %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="358"/>
        <source>Customer tier: %1</source>
        <translation>Nivel del cliente: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="360"/>
        <source>Blind receipt: no authorization found</source>
        <translation>Recepción sin autorización: no se encontró autorización</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="361"/>
        <source>%1 unit(s) received, %2 missing</source>
        <translation>%1 unidad(es) recibida(s), faltan %2</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="198"/>
        <source>Sign in first: scan your badge.</source>
        <translation>Inicie sesión primero: escanee su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="45"/>
        <source>Label printed. Put %1 in %2.</source>
        <translation>Etiqueta impresa. Ponga %1 en %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="49"/>
        <source>Put %1 in %2. The routing label did not print: %3</source>
        <translation>Ponga %1 en %2. La etiqueta de destino no se imprimió: %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="88"/>
        <source>No unit with licence plate %1 on this station.</source>
        <translation>No hay ninguna unidad con la matrícula %1 en esta estación.</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="26"/>
        <source>Approvals</source>
        <translation>Aprobaciones</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="63"/>
        <source>Disposition</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="35"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="102"/>
        <source>Inspect</source>
        <translation>Inspeccionar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="35"/>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="60"/>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="55"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="21"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="30"/>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="188"/>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="189"/>
        <source>Central server and enrollment</source>
        <translation>Servidor central y registro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="190"/>
        <source>Language, layout and theme</source>
        <translation>Idioma, disposición y tema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="194"/>
        <source>&amp;Scanner port</source>
        <translation>Puerto del &amp;escáner</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="195"/>
        <source>&amp;Printer address</source>
        <translation>Dirección de la im&amp;presora</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="196"/>
        <source>&amp;RFID reader address</source>
        <translation>Dirección del lector &amp;RFID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="197"/>
        <source>&amp;Camera URL</source>
        <translation>URL de la &amp;cámara</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="202"/>
        <source>e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0</source>
        <translation>p. ej. tcp://10.0.0.20:9100 o /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="203"/>
        <source>e.g. llrp://10.0.0.30:5084</source>
        <translation>p. ej. llrp://10.0.0.30:5084</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="204"/>
        <source>e.g. http://10.0.0.40/axis-cgi/jpg/image.cgi</source>
        <translation>p. ej. http://10.0.0.40/axis-cgi/jpg/image.cgi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="205"/>
        <source>Test scan</source>
        <translation>Probar escaneo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="206"/>
        <source>Test print</source>
        <translation>Probar impresión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="207"/>
        <source>Test camera</source>
        <translation>Probar cámara</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>Station &amp;id</source>
        <translation>I&amp;d. de estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>Central server &amp;URL</source>
        <translation>&amp;URL del servidor central</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>&amp;Enrollment code</source>
        <translation>Código de re&amp;gistro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="214"/>
        <source>Enroll this station</source>
        <translation>Registrar esta estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>La&amp;yout</source>
        <translation>Dispo&amp;sición</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Lock after (minutes)</source>
        <translation>&amp;Bloquear tras (minutos)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="221"/>
        <source>Sound on scans</source>
        <translation>Sonido al escanear</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="224"/>
        <source>Automatic (by screen size)</source>
        <translation>Automática (según la pantalla)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="225"/>
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="226"/>
        <source>Handheld</source>
        <translation>Terminal portátil</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="228"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="229"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="232"/>
        <source>Save settings</source>
        <translation>Guardar ajustes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="235"/>
        <source>Saving applies at once: devices reconnect, and language, layout, theme, lock time and sound change. The station id and the central server take a restart of the station.</source>
        <translation>Al guardar se aplica todo al momento: los dispositivos se reconectan y cambian el idioma, el diseño, el tema, el tiempo de bloqueo y el sonido. El ID de estación y el servidor central requieren reiniciar la estación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="239"/>
        <source>Restart the station now</source>
        <translation>Reiniciar la estación ahora</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="359"/>
        <source>The settings were not saved. %1</source>
        <translation>La configuración no se guardó. %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="398"/>
        <source>Settings saved and applied.</source>
        <translation>Configuración guardada y aplicada.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="398"/>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="400"/>
        <source>Reconnecting: %1.</source>
        <translation>Reconectando: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="426"/>
        <source>Saved, not yet in use: %1. The station sets up its identity and its connection to central (sync worker, credential) when it starts.</source>
        <translation>Guardado, aún sin usar: %1. La estación configura su identidad y su conexión con la central (sincronización, credencial) al arrancar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="431"/>
        <source>Restart it to use them: work already saved is kept; whoever is signed in signs in again.</source>
        <translation>Reiníciela para usarlos: el trabajo ya guardado se conserva; quien haya iniciado sesión vuelve a iniciarla.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="434"/>
        <source>Close the station and start it again to use them.</source>
        <translation>Cierre la estación y vuelva a iniciarla para usarlos.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="443"/>
        <source>restart the station</source>
        <translation>reiniciar la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="446"/>
        <source>This station cannot restart itself: close it and start it again.</source>
        <translation>Esta estación no puede reiniciarse sola: ciérrela y vuelva a iniciarla.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="249"/>
        <location filename="../../ui/screens/settings.py" line="354"/>
        <source>change the station settings</source>
        <translation>cambiar los ajustes de la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="284"/>
        <source>Set by IT in %1 (%2).</source>
        <translation>Lo fija TI en %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="286"/>
        <source>The demo sets this: it runs its own central server simulator.</source>
        <translation>Lo fija la demo: usa su propio simulador del servidor central.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="302"/>
        <source>Shown read-only: %1 are set by IT in %2. The station reads that file at every start; IT changes them there.</source>
        <translation>Solo lectura: %1 los fija TI en %2. La estación lee ese archivo en cada arranque; TI los cambia allí.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="312"/>
        <source>IT lets this station override its provisioning file: changes here are also saved to %1.</source>
        <translation>TI permite a esta estación modificar su archivo de aprovisionamiento: los cambios de aquí también se guardan en %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="317"/>
        <source>Demo: the station id and the central server are the demo&apos;s own.</source>
        <translation>Demo: el ID de estación y el servidor central son los de la demo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="324"/>
        <source>No devices are managed by this station yet.</source>
        <translation>Esta estación aún no gestiona dispositivos.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="402"/>
        <source>Applies after a restart: %1.</source>
        <translation>Se aplica tras reiniciar: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="453"/>
        <source>No %1 is set up on this station.</source>
        <translation>No hay %1 configurado en esta estación.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="460"/>
        <source>test the station&apos;s devices</source>
        <translation>probar los dispositivos de la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="463"/>
        <source>Scan any barcode with the scanner now…</source>
        <translation>Escanee ahora cualquier código con el escáner…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="476"/>
        <source>enroll the station</source>
        <translation>registrar la estación</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="479"/>
        <source>Sync is not running on this station, so it cannot enroll.</source>
        <translation>La sincronización no está activa en esta estación, así que no puede registrarse.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="62"/>
        <source>Station %1</source>
        <translation>Estación %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="63"/>
        <source>&amp;Badge or user name</source>
        <translation>&amp;Tarjeta o usuario</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="64"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="65"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="67"/>
        <source>Scan your badge, then type your PIN and press Enter. Forgot your PIN? Ask a supervisor.</source>
        <translation>Escanee su tarjeta, escriba su PIN y pulse Intro. ¿Olvidó su PIN? Pregunte a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="69"/>
        <source>Scan your badge</source>
        <translation>Escanee su tarjeta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="82"/>
        <source>Badge read. Type your PIN and press Enter.</source>
        <translation>Tarjeta leída. Escriba su PIN y pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="90"/>
        <source>Locked after inactivity. %1 was signed in: sign in again to continue.</source>
        <translation>Bloqueada por inactividad. %1 tenía la sesión iniciada: inicie sesión de nuevo para continuar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="102"/>
        <source>Scan your badge or type your user name first.</source>
        <translation>Escanee primero su tarjeta o escriba su usuario.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="106"/>
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="124"/>
        <source>Signed in: %1 (%2)</source>
        <translation>Sesión iniciada: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/__main__.py" line="226"/>
        <source>The station cannot start</source>
        <translation>La estación no puede iniciarse</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="128"/>
        <source>Scan</source>
        <translation>Escáner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="129"/>
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="130"/>
        <source>Print</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="131"/>
        <source>Cam</source>
        <translation>Cám</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="155"/>
        <source>%1: none</source>
        <translation>%1: ninguno</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="155"/>
        <source>Not set up.</source>
        <translation>No configurado.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="173"/>
        <source>Central: …</source>
        <translation>Central: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="174"/>
        <source>Queue: …</source>
        <translation>Cola: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178"/>
        <source>Central is reachable.</source>
        <translation>La central es accesible.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="180"/>
        <source>Online (slow)</source>
        <translation>En línea (lento)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="182"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="184"/>
        <source>Not enrolled</source>
        <translation>No registrada</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="186"/>
        <source>Sync off</source>
        <translation>Sincronización apagada</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="188"/>
        <source>To sync: %1</source>
        <translation>Por sincronizar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="189"/>
        <source>Oldest waiting: %1</source>
        <translation>Más antiguo en espera: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="192"/>
        <source> · parked: %1</source>
        <translation> · retenidos: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="193"/>
        <source>Parked items need a person: open Sync (F7).</source>
        <translation>Los elementos retenidos necesitan a una persona: abra Sincronización (F7).</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="200"/>
        <source>Nobody signed in</source>
        <translation>Nadie ha iniciado sesión</translation>
    </message>
</context>
<context>
    <name>SupervisorForm</name>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="32"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="33"/>
        <source>Supervisor &amp;badge or user</source>
        <translation>&amp;Tarjeta o usuario del supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="34"/>
        <source>Supervisor P&amp;IN</source>
        <translation>P&amp;IN del supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="35"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="36"/>
        <source>The supervisor scans their badge</source>
        <translation>El supervisor escanea su tarjeta</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../sync/client.py" line="119"/>
        <source>the push</source>
        <translation>el envío</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="120"/>
        <source>the batch</source>
        <translation>el lote</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="121"/>
        <source>the station&apos;s credential</source>
        <translation>la credencial de la estación</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="122"/>
        <source>the token request</source>
        <translation>la solicitud de token</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="123"/>
        <source>the health check</source>
        <translation>la comprobación de estado</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="124"/>
        <source>the enrollment</source>
        <translation>el registro</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="125"/>
        <source>the lookup</source>
        <translation>la búsqueda</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="126"/>
        <source>the photo</source>
        <translation>la foto</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="130"/>
        <source>the {feed} feed</source>
        <translation>el feed {feed}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="137"/>
        <source>Central server not reachable: no answer to connect within {seconds:g} s</source>
        <translation>Servidor central inalcanzable: no contestó a la conexión en {seconds:g} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="143"/>
        <source>Server answering slowly: no answer within {seconds:g} s</source>
        <translation>El servidor responde despacio: ninguna respuesta en {seconds:g} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="151"/>
        <source>Central server&apos;s certificate is not trusted: check the server address and the CA bundle in the station&apos;s sync settings</source>
        <translation>El certificado del servidor central no es de confianza: revise la dirección del servidor y el paquete de CA en los ajustes de sincronización de la estación</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="160"/>
        <source>Central server not reachable: connection refused</source>
        <translation>Servidor central inalcanzable: conexión rechazada</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="164"/>
        <source>Central server not reachable: no route to the server</source>
        <translation>Servidor central inalcanzable: no hay ruta hasta el servidor</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="170"/>
        <source>Connection to the central server dropped before its answer arrived</source>
        <translation>La conexión con el servidor central se cortó antes de que llegara su respuesta</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="179"/>
        <source>Central server not reachable: {problem}</source>
        <translation>Servidor central inalcanzable: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="190"/>
        <source>Central server sent an unreadable answer to {what} (not complete JSON)</source>
        <translation>El servidor central envió una respuesta ilegible a {what} (JSON incompleto)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="198"/>
        <source>Central server sent an unreadable answer to {what} (not a JSON object)</source>
        <translation>El servidor central envió una respuesta ilegible a {what} (no es un objeto JSON)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="205"/>
        <source>Central server sent an unreadable answer to {what}</source>
        <translation>El servidor central envió una respuesta ilegible a {what}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="213"/>
        <source>Central server sent an unreadable answer to the push (no results list)</source>
        <translation>El servidor central envió una respuesta ilegible al envío (sin lista de resultados)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="217"/>
        <source>Central server answered {results} results for {changes} changes; nothing was marked as sent</source>
        <translation>El servidor central respondió {results} resultados para {changes} cambios; no se marcó nada como enviado</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="227"/>
        <source>Central server answered for changes that were not sent in this batch; nothing was marked as sent</source>
        <translation>El servidor central respondió por cambios que no iban en este lote; no se marcó nada como enviado</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="242"/>
        <source>Central server&apos;s answer for this change was unreadable (status {status}); it stays queued and is sent again</source>
        <translation>La respuesta del servidor central a este cambio era ilegible (estado {status}); sigue en cola y se envía de nuevo</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="257"/>
        <source>Refused by central.</source>
        <translation>Rechazado por la central.</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="271"/>
        <source>Central server sent an unreadable page of the {feed} feed</source>
        <translation>El servidor central envió una página ilegible del feed {feed}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="274"/>
        <source>Central server sent an unreadable item in the {feed} feed</source>
        <translation>El servidor central envió un elemento ilegible en el feed {feed}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="283"/>
        <source>Central server sent an item of the {feed} feed without its data</source>
        <translation>El servidor central envió un elemento del feed {feed} sin sus datos</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="364"/>
        <source>Central server address looks wrong: {url} does not answer the Station Sync API (HTTP {status}). Check the address in the station&apos;s sync settings</source>
        <translation>La dirección del servidor central parece incorrecta: {url} no responde a la API Station Sync (HTTP {status}). Revise la dirección en los ajustes de sincronización de la estación</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="377"/>
        <source>Central server is busy; trying again in {seconds:.0f} s</source>
        <translation>El servidor central está ocupado; se reintenta en {seconds:.0f} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="383"/>
        <source>Central server has a problem (HTTP {http_status}); trying again later</source>
        <translation>El servidor central tiene un problema (HTTP {http_status}); se reintenta más tarde</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="391"/>
        <source>Server refused our credential: it belongs to another station. Re-enrol the station</source>
        <translation>El servidor rechazó nuestra credencial: pertenece a otra estación. Vuelva a registrar la estación</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="395"/>
        <source>Server refused our credential: it belongs to another station. Re-enrol the station ({detail})</source>
        <translation>El servidor rechazó nuestra credencial: pertenece a otra estación. Vuelva a registrar la estación ({detail})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="402"/>
        <source>The feed was reset on the server; reading it again from the start</source>
        <translation>El feed se reinició en el servidor; se vuelve a leer desde el principio</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="407"/>
        <source>Central server refused {what} ({answer}): {detail}</source>
        <translation>El servidor central rechazó {what} ({answer}): {detail}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="409"/>
        <source>Central server refused {what} ({answer})</source>
        <translation>El servidor central rechazó {what} ({answer})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="431"/>
        <source>This station is not enrolled with a central server yet: enrol it with a token from IT</source>
        <translation>Esta estación aún no está registrada en un servidor central: regístrela con un token de IT</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="443"/>
        <source>Server refused our credential: re-enrol the station ({refusal})</source>
        <translation>El servidor rechazó nuestra credencial: vuelva a registrar la estación ({refusal})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="491"/>
        <source>Central server does not know this enrollment token: check it or ask IT for a new one</source>
        <translation>El servidor central no conoce este token de registro: revíselo o pida uno nuevo a IT</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="497"/>
        <source>This enrollment token was already used: ask IT for a new one</source>
        <translation>Este token de registro ya se usó: pida uno nuevo a IT</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="61"/>
        <source>Connected to the central server</source>
        <translation>Conectada al servidor central</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="63"/>
        <source>Not yet in touch with the central server</source>
        <translation>Aún sin contacto con el servidor central</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="79"/>
        <source>Central server is busy: sending more slowly</source>
        <translation>El servidor central está ocupado: se envía más despacio</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="82"/>
        <source>Central server has a problem (HTTP {http_status})</source>
        <translation>El servidor central tiene un problema (HTTP {http_status})</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="86"/>
        <source>Central server sent an unreadable answer</source>
        <translation>El servidor central envió una respuesta ilegible</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="111"/>
        <source>Server answering slowly ({seconds:.0f} s)</source>
        <translation>El servidor responde despacio ({seconds:.0f} s)</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="126"/>
        <source>Sync stopped by an internal error: restart the station and tell IT</source>
        <translation>La sincronización se detuvo por un error interno: reinicie la estación y avise a IT</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="38"/>
        <source>This computer has no secure credential store (OS keyring), so the station cannot keep its central-server credential</source>
        <translation>Este equipo no tiene un almacén seguro de credenciales (llavero del sistema), así que la estación no puede guardar su credencial del servidor central</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="43"/>
        <source>{reason}. Ask IT to enable the system keyring (Secret Service, Windows Credential Manager or macOS Keychain).</source>
        <translation>{reason}. Pida a IT que active el llavero del sistema (Secret Service, Administrador de credenciales de Windows o Llavero de macOS).</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="50"/>
        <source>The secure credential store (OS keyring) refused the station&apos;s credential: {problem}</source>
        <translation>El almacén seguro de credenciales (llavero del sistema) rechazó la credencial de la estación: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="55"/>
        <source>{reason}. Ask IT.</source>
        <translation>{reason}. Pregunte a IT.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="53"/>
        <source>The enrollment token was used: ask IT for a new one once the keyring works.</source>
        <translation>El token de registro ya se usó: pida uno nuevo a IT cuando el llavero funcione.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="55"/>
        <source>Nothing was sent to central: the enrollment token is still unused.</source>
        <translation>No se envió nada a la central: el token de registro sigue sin usar.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="58"/>
        <source>{reason}. The station keeps its central-server credential only in a secure OS keyring; set one up as described in {doc} (a kiosk without a desktop session: {command}). {after}</source>
        <translation>{reason}. La estación guarda su credencial del servidor central solo en un llavero seguro del sistema; configure uno como se describe en {doc} (un quiosco sin sesión de escritorio: {command}). {after}</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="76"/>
        <source>The keyring backend {backend} stores secrets as plain text</source>
        <translation>El llavero {backend} guarda los secretos en texto plano</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="86"/>
        <source>This computer has no OS keyring (no Secret Service on a session bus)</source>
        <translation>Este equipo no tiene llavero del sistema (no hay Secret Service en un bus de sesión)</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="89"/>
        <source>The OS keyring ({backend}) refused a test entry: {problem}</source>
        <translation>El llavero del sistema ({backend}) rechazó una entrada de prueba: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="92"/>
        <source>The OS keyring ({backend}) does not give back what it is given (a disabled keyring)</source>
        <translation>El llavero del sistema ({backend}) no devuelve lo que se le da (un llavero desactivado)</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="104"/>
        <source>{file}: server.url is not set, so there is no central server to enrol with</source>
        <translation>{file}: server.url no está definido, así que no hay servidor central en el que registrarse</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="109"/>
        <source>The enrollment token is empty: copy it from central&apos;s admin page</source>
        <translation>El token de registro está vacío: cópielo de la página de administración de la central</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="120"/>
        <source>The OS keyring ({backend}) lost the credential just stored</source>
        <translation>El llavero del sistema ({backend}) perdió la credencial recién guardada</translation>
    </message>
    <message>
        <location filename="../../sync/failures.py" line="22"/>
        <source>Server refused our credential: re-enrol the station</source>
        <translation>El servidor rechazó nuestra credencial: vuelva a registrar la estación</translation>
    </message>
    <message>
        <location filename="../../sync/feeds.py" line="113"/>
        <source>Central server keeps announcing more of the {feed} feed but sends nothing</source>
        <translation>El servidor central sigue anunciando más del feed {feed} pero no envía nada</translation>
    </message>
    <message>
        <location filename="../../sync/feeds.py" line="127"/>
        <source>Central server sent {feed} data the station cannot store ({problem})</source>
        <translation>El servidor central envió datos de {feed} que la estación no puede guardar ({problem})</translation>
    </message>
    <message>
        <location filename="../../sync/worker.py" line="319"/>
        <source>{refusal}. Central refuses what this station sends: ask IT to check the central address and versions</source>
        <translation>{refusal}. La central rechaza lo que envía esta estación: pida a IT que revise la dirección y las versiones de la central</translation>
    </message>
    <message>
        <location filename="../../sync/worker.py" line="358"/>
        <source>Photo file {path} is missing or damaged on this station</source>
        <translation>El archivo de foto {path} falta en esta estación o está dañado</translation>
    </message>
</context>
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ui/sync_monitor.py" line="31"/>
        <source>Sync is not running on this station: changes are kept locally.</source>
        <translation>La sincronización no está activa en esta estación: los cambios se guardan localmente.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="117"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="119"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="121"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="122"/>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/screens/sync.py" line="60"/>
        <source>Parked: refused by central, waiting for a person</source>
        <translation>Retenidos: rechazados por la central, esperan a una persona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="84"/>
        <source>Waiting to sync</source>
        <translation>Pendientes de sincronizar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="85"/>
        <source>Oldest waiting for</source>
        <translation>El más antiguo espera desde hace</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="86"/>
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="87"/>
        <source>Parked</source>
        <translation>Retenidos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="91"/>
        <source>&amp;Reason (needed to discard)</source>
        <translation>&amp;Motivo (necesario para descartar)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="113"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="117"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="118"/>
        <source>Online, but slow</source>
        <translation>En línea, pero lento</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="119"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="120"/>
        <source>Not enrolled</source>
        <translation>No registrada</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="121"/>
        <source>Sync not running</source>
        <translation>Sincronización inactiva</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="130"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="132"/>
        <source>%1 (holding back %2 more of the same returns)</source>
        <translation>%1 (retienen %2 más de las mismas devoluciones)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="155"/>
        <source>Sync is not running on this station: changes are kept until it is set up.</source>
        <translation>La sincronización no está activa en esta estación: los cambios se guardan hasta que se configure.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="165"/>
        <source>Sync started.</source>
        <translation>Sincronización iniciada.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="187"/>
        <source>Reference data is up to date (%1 item(s) changed).</source>
        <translation>Los datos de referencia están al día (%1 elemento(s) cambiado(s)).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="209"/>
        <source>%1 will be sent again.</source>
        <translation>%1 se enviará de nuevo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="226"/>
        <source>%1 discarded: it will never reach central.</source>
        <translation>%1 descartado: nunca llegará a la central.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="242"/>
        <source>Select a parked item first.</source>
        <translation>Seleccione primero un elemento retenido.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/words.py" line="39"/>
        <source>received</source>
        <translation>recibida</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="40"/>
        <source>inspected</source>
        <translation>inspeccionada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="41"/>
        <source>outcome proposed</source>
        <translation>destino propuesto</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="42"/>
        <source>waiting for approval</source>
        <translation>esperando aprobación</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="43"/>
        <source>outcome set</source>
        <translation>destino fijado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="44"/>
        <source>labelled</source>
        <translation>etiquetada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="45"/>
        <source>on hold</source>
        <translation>retenida</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="46"/>
        <location filename="../../ui/words.py" line="76"/>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="47"/>
        <source>inspect</source>
        <translation>inspeccionar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="48"/>
        <source>propose an outcome</source>
        <translation>proponer un destino</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="49"/>
        <source>override the outcome</source>
        <translation>cambiar el destino</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="50"/>
        <source>ask for approval</source>
        <translation>pedir aprobación</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="51"/>
        <source>approve</source>
        <translation>aprobar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="52"/>
        <source>deny</source>
        <translation>rechazar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="53"/>
        <source>confirm the outcome</source>
        <translation>confirmar el destino</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="54"/>
        <source>print a label</source>
        <translation>imprimir una etiqueta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="55"/>
        <source>put on hold</source>
        <translation>retener</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="56"/>
        <source>release from hold</source>
        <translation>liberar de la retención</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="57"/>
        <source>close</source>
        <translation>cerrar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="58"/>
        <source>Restock</source>
        <translation>Reponer en stock</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="59"/>
        <source>Refurbish</source>
        <translation>Reacondicionar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="60"/>
        <source>Repair</source>
        <translation>Reparar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="61"/>
        <location filename="../../ui/words.py" line="97"/>
        <source>Return to vendor</source>
        <translation>Devolver al proveedor</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="62"/>
        <source>Liquidate</source>
        <translation>Liquidar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="63"/>
        <source>Donate</source>
        <translation>Donar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="64"/>
        <source>Recycle</source>
        <translation>Reciclar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="65"/>
        <source>Scrap</source>
        <translation>Desechar</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="66"/>
        <location filename="../../ui/words.py" line="98"/>
        <source>Quarantine</source>
        <translation>Cuarentena</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="67"/>
        <source>Wrong item</source>
        <translation>Artículo equivocado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="68"/>
        <source>Undeclared item</source>
        <translation>Artículo no declarado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="69"/>
        <source>Over-receipt</source>
        <translation>Exceso recibido</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="70"/>
        <source>Missing item</source>
        <translation>Artículo que falta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="71"/>
        <source>Serial mismatch</source>
        <translation>Número de serie no coincide</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="72"/>
        <source>Damaged in transit</source>
        <translation>Dañado en el transporte</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="73"/>
        <source>No authorization</source>
        <translation>Sin autorización</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="74"/>
        <source>expected</source>
        <translation>esperada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="75"/>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="77"/>
        <location filename="../../ui/words.py" line="85"/>
        <source>ready</source>
        <translation>lista</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="78"/>
        <source>out of labels</source>
        <translation>sin etiquetas</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="79"/>
        <source>out of ribbon</source>
        <translation>sin cinta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="80"/>
        <source>lid open</source>
        <translation>tapa abierta</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="81"/>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="82"/>
        <source>offline</source>
        <translation>desconectada</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="83"/>
        <source>not connected</source>
        <translation>no conectado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="84"/>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="86"/>
        <source>busy</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="87"/>
        <source>fault</source>
        <translation>avería</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="88"/>
        <source>Scanner</source>
        <translation>Escáner</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="89"/>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="90"/>
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="91"/>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="92"/>
        <source>inspector</source>
        <translation>inspector</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="93"/>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="94"/>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="95"/>
        <source>Licence plate</source>
        <translation>Matrícula</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="96"/>
        <source>Resale</source>
        <translation>Reventa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="102"/>
        <source>waiting to print</source>
        <translation>pendiente de imprimir</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="103"/>
        <source>printed</source>
        <translation>impresa</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="107"/>
        <source>Keep it apart in the exceptions tote; inspect it like any unit, central decides the refund.</source>
        <translation>Sepárelo en la caja de incidencias; inspecciónelo como cualquier unidad, la central decide el reembolso.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="110"/>
        <source>Keep it apart; describe it in a note when you inspect it.</source>
        <translation>Sepárelo; descríbalo en una nota al inspeccionarlo.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="113"/>
        <source>Check the count; if it is really one more, inspect it as usual.</source>
        <translation>Compruebe la cantidad; si de verdad hay uno más, inspecciónelo como siempre.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="116"/>
        <source>Nothing to do at the bench: central follows up with the customer.</source>
        <translation>Nada que hacer en el puesto: la central hace el seguimiento con el cliente.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="119"/>
        <source>Possible fraud: inspect it, then a supervisor must approve its outcome.</source>
        <translation>Posible fraude: inspecciónelo; luego un supervisor debe aprobar su destino.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="122"/>
        <source>Photograph the parcel before unpacking; carrier claim follows.</source>
        <translation>Fotografíe el paquete antes de desembalar; se reclamará al transportista.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="125"/>
        <source>Receive the items as usual; central matches the parcel to a customer later.</source>
        <translation>Reciba los artículos como siempre; la central asigna el paquete a un cliente después.</translation>
    </message>
</context>
</TS>
