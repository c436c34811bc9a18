<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="59"/>
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>&amp;Work</source>
        <translation>&amp;Arbeit</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisieren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91"/>
        <source>Receive</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92"/>
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93"/>
        <source>Disposition</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94"/>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95"/>
        <source>Labels</source>
        <translation>Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99"/>
        <source>Type a code</source>
        <translation>Code eintippen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100"/>
        <source>Blind receipt</source>
        <translation>Annahme ohne Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101"/>
        <source>Parcel arrived damaged</source>
        <translation>Paket kam beschädigt an</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102"/>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103"/>
        <source>Close return</source>
        <translation>Retoure abschließen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104"/>
        <source>Inspect selected unit</source>
        <translation>Ausgewählte Einheit prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105"/>
        <source>Save inspection</source>
        <translation>Prüfung speichern</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="106"/>
        <source>Take photo</source>
        <translation>Foto aufnehmen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>Add photo from file</source>
        <translation>Foto aus Datei hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109"/>
        <source>Confirm disposition</source>
        <translation>Verwendung bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>Override disposition</source>
        <translation>Verwendung ändern</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113"/>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114"/>
        <source>Reprint label</source>
        <translation>Etikett nachdrucken</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115"/>
        <source>Print waiting labels</source>
        <translation>Wartende Etiketten drucken</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="116"/>
        <source>Search history</source>
        <translation>Im Verlauf suchen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118"/>
        <source>Pull reference data</source>
        <translation>Stammdaten abrufen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="119"/>
        <source>Retry parked item</source>
        <translation>Zurückgestellten Eintrag erneut senden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="120"/>
        <source>Discard parked item…</source>
        <translation>Zurückgestellten Eintrag verwerfen…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="121"/>
        <source>Lock station</source>
        <translation>Station sperren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="122"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="123"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>Adapters</name>
    <message>
        <location filename="../../ui/adapters.py" line="49"/>
        <source>The label is kept and prints once the printer is ready.</source>
        <translation>Das Etikett bleibt erhalten und wird gedruckt, sobald der Drucker bereit ist.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="53"/>
        <source>This label cannot be made: %1</source>
        <translation>Dieses Etikett kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="64"/>
        <source>This label cannot be drawn: %1</source>
        <translation>Dieses Etikett kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="100"/>
        <source>Test label printed: check that its barcodes scan.</source>
        <translation>Testetikett gedruckt: prüfen Sie, ob sich die Barcodes scannen lassen.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="41"/>
        <source>enroll the station</source>
        <translation>die Station anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="68"/>
        <source>This station is not enrolled with central: an admin enrolls it.</source>
        <translation>Diese Station ist nicht bei der Zentrale angemeldet: ein Administrator meldet sie an.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="95"/>
        <source>Type the enrollment code IT gave you.</source>
        <translation>Geben Sie den Anmeldecode ein, den Sie von der IT bekommen haben.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="107"/>
        <source>Station %1 is enrolled with %2.</source>
        <translation>Station %1 ist bei %2 angemeldet.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_link.py" line="154"/>
        <source>Sync did not start on this station; the station log says why.</source>
        <translation>Die Synchronisierung wurde auf dieser Station nicht gestartet; das Protokoll der Station nennt den Grund.</translation>
    </message>
</context>
<context>
    <name>ApprovalsScreen</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="58"/>
        <source>&amp;Reason (needed to deny)</source>
        <translation>&amp;Grund (zum Ablehnen nötig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="59"/>
        <source>Nothing waits for a supervisor.</source>
        <translation>Nichts wartet auf einen Vorgesetzten.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="62"/>
        <source>Select a unit, then the supervisor scans their badge and types the PIN. Approve (Ctrl+Shift+A) or deny with a reason (Ctrl+Shift+D). Nobody approves their own proposal.</source>
        <translation>Wählen Sie eine Einheit; dann scannt der Vorgesetzte seinen Ausweis und gibt die PIN ein. Freigeben (Strg+Umschalt+A) oder mit Grund ablehnen (Strg+Umschalt+D). Niemand gibt den eigenen Vorschlag frei.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="83"/>
        <source>Supervisor badge read: type the PIN.</source>
        <translation>Ausweis des Vorgesetzten gelesen: PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="108"/>
        <source>Select the unit to approve or deny first.</source>
        <translation>Wählen Sie zuerst die Einheit zum Freigeben oder Ablehnen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="117"/>
        <source>Approved: %1 goes to %2.</source>
        <translation>Freigegeben: %1 kommt nach %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="122"/>
        <source>Denied: %1 goes back to the inspector to override or re-inspect (%2).</source>
        <translation>Abgelehnt: %1 geht zurück an den Prüfer zum Ändern oder erneuten Prüfen (%2).</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/feedback.py" line="71"/>
        <source>Scan result</source>
        <translation>Scan-Ergebnis</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../ui/camera.py" line="54"/>
        <source>No camera is set up on this station.</source>
        <translation>An dieser Station ist keine Kamera eingerichtet.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../ui/models/returns.py" line="16"/>
        <source>Line</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="22"/>
        <location filename="../../ui/models/returns.py" line="47"/>
        <location filename="../../ui/models/work.py" line="27"/>
        <source>SKU</source>
        <translation>Artikel-Nr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="23"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="25"/>
        <source>Received</source>
        <translation>Erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="31"/>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="46"/>
        <location filename="../../ui/models/work.py" line="25"/>
        <location filename="../../ui/models/work.py" line="90"/>
        <source>Licence plate</source>
        <translation>Lizenzschild (LPN)</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="49"/>
        <source>Serial</source>
        <translation>Seriennr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="54"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="56"/>
        <source>Grade</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="59"/>
        <location filename="../../ui/models/work.py" line="29"/>
        <source>Outcome</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="64"/>
        <location filename="../../ui/models/work.py" line="31"/>
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="79"/>
        <location filename="../../ui/models/work.py" line="110"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="84"/>
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="85"/>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="37"/>
        <source>Why a supervisor</source>
        <translation>Warum ein Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="42"/>
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="48"/>
        <source>Asked at</source>
        <translation>Angefragt am</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="62"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="64"/>
        <source>Return</source>
        <translation>Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="66"/>
        <source>Refused because</source>
        <translation>Abgelehnt, weil</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="68"/>
        <location filename="../../ui/models/work.py" line="104"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="75"/>
        <source>Made at</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="95"/>
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="101"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="120"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="121"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="122"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="123"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../app/domain/lifecycle.py" line="84"/>
        <source>This unit is {state}: it cannot {action} now. Allowed next: nothing more.</source>
        <translation>Diese Einheit hat den Status „{state}“: „{action}“ geht jetzt nicht. Als Nächstes ist nichts mehr möglich.</translation>
    </message>
    <message>
        <location filename="../../app/domain/lifecycle.py" line="89"/>
        <source>This unit is {state}: it cannot {action} now. Allowed next: {options}.</source>
        <translation>Diese Einheit hat den Status „{state}“: „{action}“ geht jetzt nicht. Als Nächstes möglich: {options}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="24"/>
        <source>Reference data &apos;{feed}&apos; item &apos;{key}&apos; is invalid: {problem}.</source>
        <translation>Stammdaten „{feed}“: Eintrag „{key}“ ist ungültig: {problem}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="35"/>
        <source>&apos;{value}&apos; is not a number</source>
        <translation>„{value}“ ist keine Zahl</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="59"/>
        <source>This station has not received its grading scale from central yet. Check the Sync screen.</source>
        <translation>Diese Station hat ihre Zustandsskala noch nicht von der Zentrale erhalten. Prüfen Sie die Ansicht Synchronisierung.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="64"/>
        <source>&apos;{code}&apos; is not a grade on this station&apos;s scale. Use one of: {known}.</source>
        <translation>„{code}“ ist kein Zustand der Skala dieser Station. Einen davon verwenden: {known}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="97"/>
        <source>Answer “{question}”</source>
        <translation>„{question}“ beantworten</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="99"/>
        <source>“{question}” needs yes or no, not “{answer}”</source>
        <translation>„{question}“ braucht Ja oder Nein, nicht „{answer}“</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="102"/>
        <source>“{question}” needs {options}, not “{answer}”</source>
        <translation>„{question}“ braucht {options}, nicht „{answer}“</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="105"/>
        <source>“{answer}” is not on the {category} checklist</source>
        <translation>„{answer}“ steht nicht auf der Prüfliste {category}</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="181"/>
        <source>Unit value {value} is at or above the approval threshold {threshold}.</source>
        <translation>Der Wert der Einheit ({value}) liegt auf oder über der Freigabegrenze {threshold}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="184"/>
        <source>{outcome} always needs a supervisor.</source>
        <translation>„{outcome}“ braucht immer einen Vorgesetzten.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="187"/>
        <source>Scrapping a sellable unit needs a supervisor.</source>
        <translation>Eine verkäufliche Einheit zu verschrotten braucht einen Vorgesetzten.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="189"/>
        <source>The proposed outcome was overridden.</source>
        <translation>Die vorgeschlagene Verwendung wurde geändert.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="190"/>
        <source>Possible fraud: {flag}.</source>
        <translation>Möglicher Betrug: {flag}.</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="212"/>
        <source>disposition &apos;{value}&apos; is unknown (known: {known})</source>
        <translation>Verwendung „{value}“ ist unbekannt (bekannt: {known})</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="230"/>
        <source>unknown condition(s) {conditions}</source>
        <translation>unbekannte Bedingung(en) {conditions}</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="233"/>
        <source>&apos;then&apos; has no disposition</source>
        <translation>„then“ nennt keine Verwendung</translation>
    </message>
    <message>
        <location filename="../../app/rules/book.py" line="283"/>
        <source>No disposition rule matched this unit: it is held for a supervisor.</source>
        <translation>Keine Verwendungsregel passt zu dieser Einheit: Sie wird für einen Vorgesetzten zurückgehalten.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="54"/>
        <source>Unknown badge or user name. Scan your badge again or ask a supervisor.</source>
        <translation>Unbekannter Ausweis oder Benutzername. Ausweis erneut scannen oder einen Vorgesetzten fragen.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="60"/>
        <source>Too many wrong PINs: {name} is locked for {minutes} more minute(s).</source>
        <translation>Zu viele falsche PINs: {name} ist noch {minutes} Minute(n) gesperrt.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="70"/>
        <source>Too many wrong PINs: {name} is locked for {minutes} minutes.</source>
        <translation>Zu viele falsche PINs: {name} ist für {minutes} Minuten gesperrt.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="74"/>
        <source>Wrong PIN. Try again.</source>
        <translation>Falsche PIN. Erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../app/services/auth.py" line="81"/>
        <source>{name} is not a supervisor: a supervisor must approve this.</source>
        <translation>{name} ist kein Vorgesetzter: Ein Vorgesetzter muss das freigeben.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="108"/>
        <source>Inspect and grade this unit before choosing its disposition.</source>
        <translation>Diese Einheit zuerst prüfen und bewerten, dann ihre Verwendung wählen.</translation>
    </message>
    <message>
        <location filename="../../app/errors.py" line="46"/>
        <source>This unit is no longer on the station. Scan its licence plate again.</source>
        <translation>Diese Einheit ist nicht mehr auf der Station. Ihr Lizenzschild erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="352"/>
        <source>Say why you override the proposed outcome (a few words).</source>
        <translation>Kurz begründen, warum Sie vom Vorschlag abweichen.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="374"/>
        <source>Propose a disposition for this unit first.</source>
        <translation>Zuerst eine Verwendung für diese Einheit vorschlagen.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="401"/>
        <source>Say why the disposition is denied, so the inspector knows what to change.</source>
        <translation>Begründen Sie die Ablehnung, damit der Prüfer weiß, was zu ändern ist.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="406"/>
        <source>This approval was already decided or withdrawn.</source>
        <translation>Über diese Freigabe wurde schon entschieden, oder sie wurde zurückgezogen.</translation>
    </message>
    <message>
        <location filename="../../app/services/disposition.py" line="427"/>
        <source>{name} proposed this disposition: another supervisor must approve it.</source>
        <translation>{name} hat diese Verwendung vorgeschlagen: Ein anderer Vorgesetzter muss sie freigeben.</translation>
    </message>
    <message>
        <location filename="../../app/services/labels.py" line="200"/>
        <source>No label printer is set up for this station. The label is kept for later.</source>
        <translation>Für diese Station ist kein Etikettendrucker eingerichtet. Das Etikett bleibt für später erhalten.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_queue.py" line="55"/>
        <source>Say why this change is discarded: it will never reach central.</source>
        <translation>Begründen Sie, warum diese Änderung verworfen wird: Sie erreicht die Zentrale nie.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync_queue.py" line="90"/>
        <source>This item is no longer parked: it was already retried, sent or discarded.</source>
        <translation>Dieser Eintrag ist nicht mehr zurückgestellt: Er wurde schon erneut gesendet, übertragen oder verworfen.</translation>
    </message>
    <message>
        <location filename="../../app/services/views.py" line="94"/>
        <source>Blind return {id}</source>
        <translation>Retoure ohne Freigabe {id}</translation>
    </message>
    <message>
        <location filename="../../app/services/views.py" line="180"/>
        <source>This return is no longer on the station. Scan its label again.</source>
        <translation>Diese Retoure ist nicht mehr auf der Station. Ihr Etikett erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../app/services/values.py" line="60"/>
        <source>Only an {needed} may {doing}. You are signed in as {name} ({role}).</source>
        <translation>Nur die Rolle „{needed}“ darf {doing}. Sie sind angemeldet als {name} ({role}).</translation>
    </message>
    <message>
        <location filename="../../app/services/values.py" line="62"/>
        <source>Only a {needed} may {doing}. You are signed in as {name} ({role}).</source>
        <translation>Nur die Rolle „{needed}“ darf {doing}. Sie sind angemeldet als {name} ({role}).</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="101"/>
        <source>Photos must be JPEG or PNG images.</source>
        <translation>Fotos müssen JPEG- oder PNG-Bilder sein.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="103"/>
        <source>A photo is empty or larger than 15 MB. Take it again.</source>
        <translation>Ein Foto ist leer oder größer als 15 MB. Bitte neu aufnehmen.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="120"/>
        <source>The checklist is not complete: {problems}.</source>
        <translation>Die Prüfliste ist nicht vollständig: {problems}.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="124"/>
        <source>Grade {grade} needs at least one photo of the damage.</source>
        <translation>Zustand {grade} braucht mindestens ein Foto des Schadens.</translation>
    </message>
    <message>
        <location filename="../../app/services/inspection.py" line="192"/>
        <source>The station could not save the photo (disk full or not writable). Ask IT.</source>
        <translation>Die Station konnte das Foto nicht speichern (Datenträger voll oder schreibgeschützt). Wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="160"/>
        <source>RMA</source>
        <translation>RMA</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="161"/>
        <source>tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="162"/>
        <source>order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="163"/>
        <source>licence plate</source>
        <translation>Lizenzschild</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="164"/>
        <source>RFID tag</source>
        <translation>RFID-Etikett</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="168"/>
        <source>No return found for item {gtin} serial {serial}. Scan the RMA or return label, or start a blind receipt.</source>
        <translation>Keine Rücksendung für Artikel {gtin} mit Seriennummer {serial} gefunden. RMA oder Rücksendeetikett scannen oder eine Annahme ohne Freigabe starten.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="174"/>
        <source>No return found for item {gtin}. Scan the RMA or return label, or start a blind receipt.</source>
        <translation>Keine Rücksendung für Artikel {gtin} gefunden. RMA oder Rücksendeetikett scannen oder eine Annahme ohne Freigabe starten.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="181"/>
        <source>No return found for {what} {code}. Check the label, or start a blind receipt if the parcel has none.</source>
        <translation>Keine Rücksendung gefunden für {what} {code}. Etikett prüfen oder, wenn das Paket keines hat, eine Annahme ohne Freigabe starten.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="189"/>
        <source>No return found for “{code}”. Check the label, or start a blind receipt if the parcel has none.</source>
        <translation>Keine Rücksendung gefunden für „{code}“. Etikett prüfen oder, wenn das Paket keines hat, eine Annahme ohne Freigabe starten.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="213"/>
        <source>Return {title} is already closed. Ask a supervisor to reopen it at central.</source>
        <translation>Rücksendung {title} ist bereits abgeschlossen. Einen Vorgesetzten bitten, sie in der Zentrale wieder zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="250"/>
        <source>No return authorization found for “{code}”.</source>
        <translation>Keine Retourenfreigabe für „{code}“ gefunden.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="253"/>
        <source>No return authorization found.</source>
        <translation>Keine Retourenfreigabe gefunden.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="309"/>
        <source>Parcel arrived damaged.</source>
        <translation>Paket kam beschädigt an.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="336"/>
        <source>Same scan again: ignored.</source>
        <translation>Gleicher Scan noch einmal: ignoriert.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="339"/>
        <source>That is not an item barcode. Scan the product&apos;s barcode (EAN/UPC/GS1) or its RFID tag.</source>
        <translation>Das ist kein Artikel-Barcode. Den Barcode des Produkts (EAN/UPC/GS1) oder sein RFID-Etikett scannen.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="351"/>
        <source>Serial {serial} was already received on {lpn}. Set this item aside.</source>
        <translation>Seriennummer {serial} wurde bereits unter {lpn} angenommen. Diesen Artikel beiseitelegen.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="426"/>
        <source>Received {item} as {lpn}.</source>
        <translation>{item} als {lpn} angenommen.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="434"/>
        <source>Describe the problem in a few words.</source>
        <translation>Das Problem in wenigen Worten beschreiben.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="475"/>
        <source>{count} unit(s) still need a disposition before closing: {units}.</source>
        <translation>{count} Einheit(en) brauchen vor dem Abschließen noch eine Verwendung: {units}.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="490"/>
        <source>Line {line} ({sku}): {quantity} not received.</source>
        <translation>Position {line} ({sku}): {quantity} nicht erhalten.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="514"/>
        <source>This return is not on the station. Scan its label again.</source>
        <translation>Diese Rücksendung ist nicht auf der Station. Ihr Etikett erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="518"/>
        <source>Return {rma} is closed: nothing more can be received.</source>
        <translation>Rücksendung {rma} ist abgeschlossen: Es kann nichts mehr angenommen werden.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="532"/>
        <source>Wrong item: {item} is not on this return. Keep it apart.</source>
        <translation>Falscher Artikel: {item} gehört nicht zu dieser Retoure. Getrennt aufbewahren.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="534"/>
        <source>Undeclared item {gtin}: not on this return and not in the catalog.</source>
        <translation>Nicht angemeldeter Artikel {gtin}: weder auf dieser Retoure noch im Katalog.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="547"/>
        <source>Serial mismatch: {serial} is not the serial that was sold ({sold}). A supervisor must approve its disposition.</source>
        <translation>Seriennummer stimmt nicht: {serial} ist nicht die verkaufte Seriennummer ({sold}). Ein Vorgesetzter muss die Verwendung freigeben.</translation>
    </message>
    <message>
        <location filename="../../app/services/receiving.py" line="563"/>
        <source>Over-receipt: line {line} authorized {authorized}, this is one more.</source>
        <translation>Mehrlieferung: Position {line} hat {authorized} freigegeben, dies ist eine mehr.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="67"/>
        <source>The station&apos;s disk is full. Nothing was saved. Ask IT to free space, then scan again.</source>
        <translation>Der Datenträger der Station ist voll. Nichts wurde gespeichert. Die IT bitten, Platz zu schaffen, dann erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="71"/>
        <source>The station&apos;s database is read-only. Nothing was saved. Ask IT to check the data folder.</source>
        <translation>Die Datenbank der Station ist schreibgeschützt. Nichts wurde gespeichert. Die IT bitten, den Datenordner zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="75"/>
        <source>The station&apos;s database is busy. Nothing was saved. Wait a moment and try again.</source>
        <translation>Die Datenbank der Station ist belegt. Nichts wurde gespeichert. Einen Moment warten und erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="79"/>
        <source>The station cannot write to its disk. Nothing was saved. Ask IT to check the storage.</source>
        <translation>Die Station kann nicht auf ihren Datenträger schreiben. Nichts wurde gespeichert. Die IT bitten, den Speicher zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../app/store/outbox.py" line="194"/>
        <source>Refused by the server.</source>
        <translation>Vom Server abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../app/__main__.py" line="321"/>
        <source>The simulated camera cannot show {code}: {problem}</source>
        <translation>Die simulierte Kamera kann {code} nicht zeigen: {problem}</translation>
    </message>
    <message>
        <location filename="../../app/services/station.py" line="42"/>
        <source>The station cannot open its database {path}: {problem}. Ask IT to check or restore the file.</source>
        <translation>Die Station kann ihre Datenbank {path} nicht öffnen: {problem}. Die IT bitten, die Datei zu prüfen oder wiederherzustellen.</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/demo_panel.py" line="35"/>
        <source>Badge: Ana, inspector (PIN 1111)</source>
        <translation>Ausweis: Ana, Prüferin (PIN 1111)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="36"/>
        <source>Return label RMA-100001</source>
        <translation>Retourenetikett RMA-100001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="37"/>
        <source>Headphones, the serial that was sold</source>
        <translation>Kopfhörer, die verkaufte Seriennummer</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="38"/>
        <source>USB-C charger</source>
        <translation>USB-C-Ladegerät</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="39"/>
        <source>Kettle: wrong item for this return</source>
        <translation>Wasserkocher: falscher Artikel für diese Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="40"/>
        <source>Headphones, another serial: mismatch</source>
        <translation>Kopfhörer, andere Seriennummer: Abweichung</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="41"/>
        <source>Tracking number of RMA-100002</source>
        <translation>Sendungsnummer von RMA-100002</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="42"/>
        <source>Phone of RMA-100003 (needs approval)</source>
        <translation>Telefon aus RMA-100003 (braucht Freigabe)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="43"/>
        <source>Parcel with no return on file</source>
        <translation>Paket ohne erfasste Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="44"/>
        <source>Badge: Sam, supervisor (PIN 2222)</source>
        <translation>Ausweis: Sam, Vorgesetzter (PIN 2222)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="45"/>
        <source>Badge: admin (PIN 9999)</source>
        <translation>Ausweis: Administrator (PIN 9999)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="117"/>
        <source>Simulate a scan</source>
        <translation>Scan simulieren</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="120"/>
        <source>Double-click a sample (or select it and press Enter) to send it through the simulated scanner, like a real scan. Start with a badge and its PIN, then a return label and its items.</source>
        <translation>Doppelklicken Sie auf ein Beispiel (oder wählen Sie es und drücken Sie Enter), um es wie einen echten Scan über den simulierten Scanner zu senden. Beginnen Sie mit einem Ausweis und seiner PIN, dann ein Retourenetikett und seine Artikel.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="128"/>
        <source>Any code, e.g. SO-500001</source>
        <translation>Beliebiger Code, z. B. SO-500001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="129"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="130"/>
        <source>Show to camera</source>
        <translation>Der Kamera zeigen</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="132"/>
        <source>Hold the code typed here (or the selected sample) up to the simulated camera for a few seconds.</source>
        <translation>Hält den hier eingegebenen Code (oder das ausgewählte Beispiel) einige Sekunden vor die simulierte Kamera.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="134"/>
        <source>An RFID-tagged item on the reader</source>
        <translation>Ein Artikel mit RFID-Etikett auf dem Leser</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="135"/>
        <source>Printer out of labels</source>
        <translation>Drucker ohne Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="136"/>
        <source>Central server unreachable</source>
        <translation>Zentrale nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="138"/>
        <source>Central RMS simulator: %1</source>
        <translation>Simulator der Zentrale (RMS): %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="139"/>
        <source>Label printer simulator: %1</source>
        <translation>Simulator des Etikettendruckers: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="140"/>
        <source>Serial scanner simulator: %1</source>
        <translation>Simulator des seriellen Scanners: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="141"/>
        <source>LLRP RFID reader simulator: %1</source>
        <translation>Simulator des LLRP-RFID-Lesers: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="142"/>
        <source>Camera simulator: %1</source>
        <translation>Kamera-Simulator: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="145"/>
        <source>No RFID reader is wired into this build yet.</source>
        <translation>In dieser Version ist noch kein RFID-Leser angebunden.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="146"/>
        <source>No central server is set up: changes stay on this station.</source>
        <translation>Keine Zentrale eingerichtet: Änderungen bleiben auf dieser Station.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="147"/>
        <source>No label printer is set up: labels wait on the Labels screen.</source>
        <translation>Kein Etikettendrucker eingerichtet: Etiketten warten in der Ansicht Etiketten.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="148"/>
        <source>No scanner simulator: the samples go straight to the station.</source>
        <translation>Kein Scanner-Simulator: die Beispiele gehen direkt an die Station.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="189"/>
        <source>Type a code or select a sample first, then show it to the camera.</source>
        <translation>Zuerst einen Code eingeben oder ein Beispiel auswählen, dann der Kamera zeigen.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="211"/>
        <source>Central is unreachable now: keep working, changes wait in the queue.</source>
        <translation>Die Zentrale ist nicht erreichbar: weiterarbeiten, Änderungen warten in der Warteschlange.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="213"/>
        <source>Central is back: the queue empties by itself.</source>
        <translation>Die Zentrale ist wieder da: die Warteschlange leert sich von selbst.</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <location filename="../../devices/manager.py" line="52"/>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="53"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="54"/>
        <source>Testing</source>
        <translation>Wird getestet</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="55"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="56"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="317"/>
        <source>{kind} is not ready ({state}): {reason}</source>
        <translation>{kind} ist nicht bereit ({state}): {reason}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="319"/>
        <source>{kind} is not ready ({state})</source>
        <translation>{kind} ist nicht bereit ({state})</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="331"/>
        <source>The test could not run: {problem}</source>
        <translation>Der Test konnte nicht laufen: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="427"/>
        <source>{kind} not connected: {problem}</source>
        <translation>{kind} nicht verbunden: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="432"/>
        <source>{kind} could not start: {problem}</source>
        <translation>{kind} konnte nicht starten: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="450"/>
        <source>{reason} (retrying in {seconds:.1f} s)</source>
        <translation>{reason} (neuer Versuch in {seconds:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../devices/manager.py" line="465"/>
        <source>{kind} disconnected: check its cable and power</source>
        <translation>{kind} getrennt: Kabel und Stromversorgung prüfen</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="56"/>
        <source>A GS1 barcode needs at least one value (for example the GTIN).</source>
        <translation>Ein GS1-Barcode braucht mindestens einen Wert (zum Beispiel die GTIN).</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="65"/>
        <source>GS1 data {data} cannot be printed: {problem}</source>
        <translation>GS1-Daten {data} lassen sich nicht drucken: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="69"/>
        <source>GS1 data {data} is not what it seems: check the values.</source>
        <translation>GS1-Daten {data} sind nicht, was sie scheinen: Werte prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="74"/>
        <source>Cannot print GS1 ({ai}) {value}: {problem}</source>
        <translation>GS1 ({ai}) {value} lässt sich nicht drucken: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="134"/>
        <source>A barcode needs a value to encode.</source>
        <translation>Ein Barcode braucht einen Wert zum Codieren.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="137"/>
        <source>Code 128 barcodes here carry plain letters and digits only, not {characters}.</source>
        <translation>Code-128-Barcodes enthalten hier nur einfache Buchstaben und Ziffern, nicht {characters}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="168"/>
        <source>A QR code needs a value to encode.</source>
        <translation>Ein QR-Code braucht einen Wert zum Codieren.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/label.py" line="183"/>
        <source>A DataMatrix needs a value to encode.</source>
        <translation>Ein DataMatrix-Code braucht einen Wert zum Codieren.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="105"/>
        <source>{advice} ({detail})</source>
        <translation>{advice} ({detail})</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="201"/>
        <source>Print at least one copy.</source>
        <translation>Mindestens ein Exemplar drucken.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/spool.py" line="219"/>
        <source>That label is not in this station&apos;s print history, so it cannot be reprinted.</source>
        <translation>Dieses Etikett steht nicht im Druckverlauf dieser Station und kann daher nicht nachgedruckt werden.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="30"/>
        <source>The printer is ready.</source>
        <translation>Der Drucker ist bereit.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="31"/>
        <source>The printer is out of labels: load a new roll and close the lid.</source>
        <translation>Der Drucker hat keine Etiketten mehr: eine neue Rolle einlegen und den Deckel schließen.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="34"/>
        <source>The printer is out of ribbon: load a new ribbon and close the lid.</source>
        <translation>Der Drucker hat kein Farbband mehr: ein neues Farbband einlegen und den Deckel schließen.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="37"/>
        <source>The printer lid is open: close it firmly until it clicks.</source>
        <translation>Der Druckerdeckel ist offen: fest zudrücken, bis er einrastet.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="38"/>
        <source>The printer is paused: press the pause button on the printer to resume.</source>
        <translation>Der Drucker ist angehalten: zum Fortsetzen die Pause-Taste am Drucker drücken.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/status.py" line="41"/>
        <location filename="../../devices/printing/transport.py" line="29"/>
        <source>The printer does not answer: check that it is switched on and its cable is plugged in.</source>
        <translation>Der Drucker antwortet nicht: prüfen, ob er eingeschaltet und das Kabel eingesteckt ist.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="228"/>
        <source>{price} is not a price.</source>
        <translation>{price} ist kein Preis.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="495"/>
        <source>The stored fields of this {template} label cannot be read: {problem}</source>
        <translation>Die gespeicherten Felder dieses Etiketts ({template}) lassen sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="501"/>
        <source>the licence plate (LPN)</source>
        <translation>das Lizenzschild (LPN)</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="507"/>
        <source>The label cannot be printed without {what}.</source>
        <translation>Das Etikett lässt sich nicht drucken ohne {what}.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="528"/>
        <source>a resale price</source>
        <translation>einen Wiederverkaufspreis</translation>
    </message>
    <message>
        <location filename="../../devices/printing/templates.py" line="534"/>
        <source>the product&apos;s GTIN</source>
        <translation>die GTIN des Produkts</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="124"/>
        <source>The printer at {printer} stopped taking data: {advice}</source>
        <translation>Der Drucker an {printer} nimmt keine Daten mehr an: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="137"/>
        <source>The connection to the printer at {printer} broke.</source>
        <translation>Die Verbindung zum Drucker an {printer} ist abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="141"/>
        <source>The printer at {printer} hung up.</source>
        <translation>Der Drucker an {printer} hat die Verbindung beendet.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="170"/>
        <source>Cannot reach the printer at {printer}: {advice}</source>
        <translation>Der Drucker an {printer} ist nicht erreichbar: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="193"/>
        <source>The printer on {printer} stopped taking data: {advice}</source>
        <translation>Der Drucker an {printer} nimmt keine Daten mehr an: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="204"/>
        <source>The line to the printer on {printer} broke.</source>
        <translation>Die Leitung zum Drucker an {printer} ist unterbrochen.</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="240"/>
        <source>Cannot open the printer port {port}: {advice}</source>
        <translation>Der Druckeranschluss {port} lässt sich nicht öffnen: {advice}</translation>
    </message>
    <message>
        <location filename="../../devices/printing/transport.py" line="265"/>
        <location filename="../../devices/printing/transport.py" line="269"/>
        <source>The print queue {queue} did not take the label: {problem}</source>
        <translation>Die Druckwarteschlange {queue} hat das Etikett nicht angenommen: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="41"/>
        <source>Reader is in use by another station</source>
        <translation>Der Leser wird von einer anderen Station benutzt</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="42"/>
        <location filename="../../devices/rfid/uhf_serial.py" line="57"/>
        <source>Reading tags</source>
        <translation>Liest Etiketten</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="43"/>
        <location filename="../../devices/rfid/uhf_serial.py" line="58"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="44"/>
        <location filename="../../devices/scanning/serial_scanner.py" line="436"/>
        <source>start reading</source>
        <translation>mit dem Lesen beginnen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="164"/>
        <source>The RFID reader at {address} closed the connection.</source>
        <translation>Der RFID-Leser an {address} hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="177"/>
        <source>The RFID reader at {address} stopped answering (nothing heard for {seconds:.0f} s).</source>
        <translation>Der RFID-Leser an {address} antwortet nicht mehr (seit {seconds:.0f} s nichts gehört).</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="288"/>
        <source>Connecting to {address}</source>
        <translation>Verbindet mit {address}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="293"/>
        <source>no RFID reader answers at {address} (is it switched on?): {problem}</source>
        <translation>kein RFID-Leser antwortet an {address} (ist er eingeschaltet?): {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="335"/>
        <source>The RFID reader is not connected.</source>
        <translation>Der RFID-Leser ist nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="336"/>
        <source>Hold a tagged item near the antenna.</source>
        <translation>Einen Artikel mit Etikett nah an die Antenne halten.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="345"/>
        <source>the device at {address} did not greet us as an LLRP reader: {problem}</source>
        <translation>das Gerät an {address} hat sich nicht als LLRP-Leser gemeldet: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="349"/>
        <source>the device at {address} did not greet us as an LLRP reader</source>
        <translation>das Gerät an {address} hat sich nicht als LLRP-Leser gemeldet</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="355"/>
        <source>the RFID reader at {address} refused the connection (status {status})</source>
        <translation>der RFID-Leser an {address} hat die Verbindung abgelehnt (Status {status})</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="360"/>
        <source>report its capabilities</source>
        <translation>seine Fähigkeiten melden</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="365"/>
        <source>The RFID reader&apos;s capabilities could not be read: {problem}</source>
        <translation>Die Fähigkeiten des RFID-Lesers ließen sich nicht lesen: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="368"/>
        <source>report its configuration</source>
        <translation>seine Konfiguration melden</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="375"/>
        <source>accept our settings</source>
        <translation>unsere Einstellungen übernehmen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="380"/>
        <source>clear old access specs</source>
        <translation>alte Access-Specs löschen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="385"/>
        <source>clear old inventories</source>
        <translation>alte Inventuren löschen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="395"/>
        <source>take our inventory settings</source>
        <translation>unsere Inventur-Einstellungen übernehmen</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="418"/>
        <source>the RFID reader at {address} went away: {problem}</source>
        <translation>der RFID-Leser an {address} ist weg: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="422"/>
        <source>the RFID reader went away while asked to {what}: {problem}</source>
        <translation>der RFID-Leser war weg, als er {what} sollte: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="425"/>
        <source>the RFID reader went away while asked to {what}</source>
        <translation>der RFID-Leser war weg, als er {what} sollte</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="427"/>
        <source>the RFID reader did not answer within {seconds:g} s when asked to {what}</source>
        <translation>der RFID-Leser hat nicht innerhalb von {seconds:g} s geantwortet, als er {what} sollte</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="432"/>
        <source>The RFID reader refused to {what}: {problem}</source>
        <translation>Der RFID-Leser hat die Anweisung „{what}“ abgelehnt: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/llrp_client.py" line="450"/>
        <source>The RFID reader connection ended.</source>
        <translation>Die Verbindung zum RFID-Leser ist beendet.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="142"/>
        <source>No RFID tag was read within {seconds:g} s. {hint}</source>
        <translation>Innerhalb von {seconds:g} s wurde kein RFID-Etikett gelesen. {hint}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="147"/>
        <source>Test read OK: tag {epc} on antenna {antenna}, signal {rssi} dBm.</source>
        <translation>Testlesung OK: Etikett {epc} an Antenne {antenna}, Signal {rssi} dBm.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="149"/>
        <source>Test read OK: tag {epc} on antenna {antenna}.</source>
        <translation>Testlesung OK: Etikett {epc} an Antenne {antenna}.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="151"/>
        <source>Test read OK: tag {epc}, signal {rssi} dBm.</source>
        <translation>Testlesung OK: Etikett {epc}, Signal {rssi} dBm.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/sightings.py" line="153"/>
        <source>Test read OK: tag {epc}.</source>
        <translation>Testlesung OK: Etikett {epc}.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="27"/>
        <source>it identifies a shipping container (SSCC)</source>
        <translation>es kennzeichnet ein Versandgebinde (SSCC)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="28"/>
        <source>it identifies a location (SGLN)</source>
        <translation>es kennzeichnet einen Ort (SGLN)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="29"/>
        <source>it identifies a returnable asset (GRAI)</source>
        <translation>es kennzeichnet einen Mehrwegbehälter (GRAI)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="30"/>
        <source>it identifies a fixed asset (GIAI)</source>
        <translation>es kennzeichnet ein Anlagegut (GIAI)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="31"/>
        <source>it carries a general identifier (GID)</source>
        <translation>es trägt eine allgemeine Kennung (GID)</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="33"/>
        <source>it carries a {scheme} code</source>
        <translation>es trägt einen {scheme}-Code</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="34"/>
        <source>its EPC header is {header}</source>
        <translation>sein EPC-Header ist {header}</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="36"/>
        <source>This RFID tag could not be read properly (its code is damaged). Read it again.</source>
        <translation>Dieses RFID-Etikett ließ sich nicht richtig lesen (sein Code ist beschädigt). Erneut lesen.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/to_scan.py" line="39"/>
        <source>This RFID tag is not a product tag: {what}. It cannot be matched to an item.</source>
        <translation>Dieses RFID-Etikett ist kein Produktetikett: {what}. Es lässt sich keinem Artikel zuordnen.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="53"/>
        <source>The RFID reader&apos;s data arrived damaged. Hold the item on the reader again if nothing appears.</source>
        <translation>Die Daten des RFID-Lesers kamen beschädigt an. Den Artikel erneut auf den Leser legen, wenn nichts erscheint.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="56"/>
        <source>The UHF RFID reader does not answer: check its cable, power and baud rate.</source>
        <translation>Der UHF-RFID-Leser antwortet nicht: Kabel, Stromversorgung und Baudrate prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="259"/>
        <source>UHF RFID reader</source>
        <translation>UHF-RFID-Leser</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="294"/>
        <source>The UHF RFID reader is not connected.</source>
        <translation>Der UHF-RFID-Leser ist nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="295"/>
        <source>Put a tagged item on the reader.</source>
        <translation>Einen Artikel mit Etikett auf den Leser legen.</translation>
    </message>
    <message>
        <location filename="../../devices/rfid/uhf_serial.py" line="388"/>
        <source>The UHF RFID reader was disconnected: {problem}</source>
        <translation>Der UHF-RFID-Leser wurde getrennt: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="64"/>
        <source>Unreadable scan: it is longer than any barcode we use (more than {limit} characters). Scan again.</source>
        <translation>Scan nicht lesbar: länger als jeder Barcode, den wir verwenden (mehr als {limit} Zeichen). Erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="67"/>
        <source>Unreadable scan: the scanner sent data that is not text. Scan again.</source>
        <translation>Scan nicht lesbar: Der Scanner hat Daten gesendet, die kein Text sind. Erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="68"/>
        <source>Unreadable scan: the data contains control characters. Scan again; if it keeps happening, check the scanner&apos;s settings.</source>
        <translation>Scan nicht lesbar: Die Daten enthalten Steuerzeichen. Erneut scannen; passiert es wieder, die Einstellungen des Scanners prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="73"/>
        <source>Nothing was read. Scan again.</source>
        <translation>Es wurde nichts gelesen. Erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="74"/>
        <source>Unreadable barcode: check digit is wrong. Scan again or type the number from the label.</source>
        <translation>Barcode nicht lesbar: Die Prüfziffer stimmt nicht. Erneut scannen oder die Nummer vom Etikett eintippen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="77"/>
        <source>Unreadable GS1 barcode: the data does not follow the GS1 rules. Scan again or type the number from the label.</source>
        <translation>GS1-Barcode nicht lesbar: Die Daten folgen nicht den GS1-Regeln. Erneut scannen oder die Nummer vom Etikett eintippen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/interpret.py" line="81"/>
        <source>This RFID tag is not a product tag (SGTIN-96); it cannot be matched to an item.</source>
        <translation>Dieses RFID-Etikett ist kein Produktetikett (SGTIN-96); es lässt sich keinem Artikel zuordnen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="55"/>
        <source>The scanner&apos;s data arrived damaged. Scan again.</source>
        <translation>Die Daten des Scanners kamen beschädigt an. Erneut scannen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="56"/>
        <source>The scanner&apos;s data arrived damaged; it was asked to send it again. Scan again if nothing appears.</source>
        <translation>Die Daten des Scanners kamen beschädigt an; er wurde gebeten, sie erneut zu senden. Erneut scannen, wenn nichts erscheint.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="61"/>
        <source>a GS1 product code</source>
        <translation>ein GS1-Produktcode</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="62"/>
        <source>a product code (GTIN)</source>
        <translation>ein Produktcode (GTIN)</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="63"/>
        <source>a shipping container code (SSCC)</source>
        <translation>ein Versandgebinde-Code (SSCC)</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="64"/>
        <source>a carrier tracking number</source>
        <translation>eine Sendungsnummer des Paketdienstes</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="65"/>
        <source>an RMA number</source>
        <translation>eine RMA-Nummer</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="66"/>
        <source>an order number</source>
        <translation>eine Bestellnummer</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="67"/>
        <source>a licence plate</source>
        <translation>ein Lizenzschild</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="68"/>
        <source>an RFID product tag</source>
        <translation>ein RFID-Produktetikett</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="69"/>
        <source>an operator badge</source>
        <translation>ein Mitarbeiterausweis</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="70"/>
        <source>text the station does not recognise</source>
        <translation>Text, den die Station nicht erkennt</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="346"/>
        <source>scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="402"/>
        <source>The scanner was disconnected during the test: check its cable.</source>
        <translation>Der Scanner wurde während des Tests getrennt: Kabel prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="406"/>
        <source>No barcode was read within {seconds:g} s.</source>
        <translation>Innerhalb von {seconds:g} s wurde kein Barcode gelesen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="408"/>
        <source>No barcode was read within {seconds:g} s. Scan any barcode while the test runs.</source>
        <translation>Innerhalb von {seconds:g} s wurde kein Barcode gelesen. Während des Tests irgendeinen Barcode scannen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="413"/>
        <source>The scanner works but the test read was not usable: {problem}</source>
        <translation>Der Scanner funktioniert, aber die Testlesung war nicht brauchbar: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="415"/>
        <source>Test scan OK: read “{text}”, {what} ({symbology}).</source>
        <translation>Testscan OK: „{text}“ gelesen, {what} ({symbology}).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="438"/>
        <source>stop reading</source>
        <translation>mit dem Lesen aufhören</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="445"/>
        <source>This scanner cannot be triggered from the station: press its trigger.</source>
        <translation>Dieser Scanner lässt sich nicht von der Station auslösen: seinen Abzug drücken.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="449"/>
        <source>enable scanning</source>
        <translation>das Scannen einschalten</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="452"/>
        <source>disable scanning</source>
        <translation>das Scannen ausschalten</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="455"/>
        <source>beep</source>
        <translation>piepen</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="458"/>
        <source>switch its LED on</source>
        <translation>seine LED einschalten</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="461"/>
        <source>switch its LED off</source>
        <translation>seine LED ausschalten</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="467"/>
        <source>change a setting</source>
        <translation>eine Einstellung ändern</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="474"/>
        <source>report its firmware revision</source>
        <translation>seine Firmware-Version melden</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="500"/>
        <source>This scanner is in plain mode: it cannot be told to {what}.</source>
        <translation>Dieser Scanner ist im einfachen Modus: Die Anweisung „{what}“ ist nicht möglich.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="506"/>
        <source>The scanner is not connected, so it cannot {what}.</source>
        <translation>Der Scanner ist nicht verbunden, daher ist „{what}“ nicht möglich.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="513"/>
        <source>The scanner did not answer when asked to {what}: check the cable.</source>
        <translation>Der Scanner hat auf die Anweisung „{what}“ nicht geantwortet: Kabel prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="518"/>
        <source>The scanner refused to {what}.</source>
        <translation>Der Scanner hat die Anweisung „{what}“ abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="535"/>
        <source>The scanner is not connected.</source>
        <translation>Der Scanner ist nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/serial_scanner.py" line="540"/>
        <source>The scanner could not be reached: {problem}</source>
        <translation>Der Scanner war nicht erreichbar: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/symbology.py" line="103"/>
        <source>unknown symbology</source>
        <translation>unbekannte Symbologie</translation>
    </message>
    <message>
        <location filename="../../devices/serial_port.py" line="20"/>
        <source>no {what} at {url} (is it plugged in?): {problem}</source>
        <translation>kein {what} an {url} (ist er eingesteckt?): {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="206"/>
        <source>The camera read no barcode within {seconds:g} s. Hold one in front of it.</source>
        <translation>Die Kamera hat innerhalb von {seconds:g} s keinen Barcode gelesen. Einen Barcode vor die Kamera halten.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="212"/>
        <source>The camera works but the test read was not usable: {problem}</source>
        <translation>Die Kamera funktioniert, aber die Testlesung war nicht brauchbar: {problem}</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/camera.py" line="215"/>
        <source>Test scan OK: the camera read “{text}”.</source>
        <translation>Testscan OK: Die Kamera hat „{text}“ gelesen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="245"/>
        <source>Camera OK: a {width}×{height} {kind} picture of {size} in {milliseconds:.0f} ms.</source>
        <translation>Kamera OK: ein {kind}-Bild mit {width}×{height} und {size} in {milliseconds:.0f} ms.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="316"/>
        <source>The connection to the camera at {address} was closed.</source>
        <translation>Die Verbindung zur Kamera an {address} wurde geschlossen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="348"/>
        <source>The camera at {address} cannot be reached (no answer within {seconds:g} s): check that it is switched on, plugged into the network, and that the camera URL in Settings is right.</source>
        <translation>Die Kamera an {address} ist nicht erreichbar (keine Antwort innerhalb von {seconds:g} s): prüfen, ob sie eingeschaltet und ans Netzwerk angeschlossen ist und ob die Kamera-URL in den Einstellungen stimmt.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="355"/>
        <source>The camera at {address} did not send a picture within {seconds:g} s: check that it is switched on and not busy.</source>
        <translation>Die Kamera an {address} hat innerhalb von {seconds:g} s kein Bild gesendet: prüfen, ob sie eingeschaltet und nicht ausgelastet ist.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="362"/>
        <source>The camera at {address} cannot be reached ({reason}): check that it is switched on, plugged into the network, and that the camera URL in Settings is right.</source>
        <translation>Die Kamera an {address} ist nicht erreichbar ({reason}): prüfen, ob sie eingeschaltet und ans Netzwerk angeschlossen ist und ob die Kamera-URL in den Einstellungen stimmt.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="369"/>
        <source>The camera at {address} broke off the connection ({reason}): check its network cable and power.</source>
        <translation>Die Kamera an {address} hat die Verbindung abgebrochen ({reason}): Netzwerkkabel und Stromversorgung prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="375"/>
        <source>The camera at {address} did not answer with a picture ({reason}): check the camera URL in Settings.</source>
        <translation>Die Kamera an {address} hat nicht mit einem Bild geantwortet ({reason}): die Kamera-URL in den Einstellungen prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="385"/>
        <source>The camera at {address} refused the station (HTTP {code}): check the user name and password in the camera URL (http://user:password@camera/...).</source>
        <translation>Die Kamera an {address} hat die Station abgewiesen (HTTP {code}): Benutzername und Passwort in der Kamera-URL prüfen (http://user:password@camera/...).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="391"/>
        <source>The camera at {address} refused the station (HTTP {code}): it wants a user name and password: put them in the camera URL (http://user:password@camera/...).</source>
        <translation>Die Kamera an {address} hat die Station abgewiesen (HTTP {code}): Sie verlangt Benutzername und Passwort; beides in die Kamera-URL eintragen (http://user:password@camera/...).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="398"/>
        <source>The camera at {address} has no picture at that address (HTTP 404): check the path of the camera URL (for an Axis camera /axis-cgi/jpg/image.cgi).</source>
        <translation>Die Kamera an {address} hat unter dieser Adresse kein Bild (HTTP 404): den Pfad der Kamera-URL prüfen (bei einer Axis-Kamera /axis-cgi/jpg/image.cgi).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="407"/>
        <source>The camera at {address} reported a fault (HTTP {status}) instead of a picture: it may be starting up; if it stays so, restart the camera.</source>
        <translation>Die Kamera an {address} hat statt eines Bildes einen Fehler gemeldet (HTTP {status}): Vielleicht startet sie gerade; bleibt es so, die Kamera neu starten.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="413"/>
        <source>The camera at {address} answered HTTP {status} instead of a picture: check the camera URL.</source>
        <translation>Die Kamera an {address} hat mit HTTP {status} statt mit einem Bild geantwortet: die Kamera-URL prüfen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="419"/>
        <source>The camera at {address} sent a picture of {size}, more than the {limit} the station keeps: set the camera to a lower resolution or a higher JPEG compression.</source>
        <translation>Die Kamera an {address} hat ein Bild mit {size} gesendet, mehr als die {limit}, die die Station speichert: an der Kamera eine niedrigere Auflösung oder eine stärkere JPEG-Komprimierung einstellen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="436"/>
        <source>no content type</source>
        <translation>kein Inhaltstyp</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="438"/>
        <source>The camera at {address} answered with nothing ({what}) instead of a picture.</source>
        <translation>Die Kamera an {address} hat statt eines Bildes nichts gesendet ({what}).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="453"/>
        <source>The camera at {address} answered with something that is not a picture ({what}, {size}): check that the camera URL is its snapshot address (for an Axis camera http://camera/axis-cgi/jpg/image.cgi).</source>
        <translation>Die Kamera an {address} hat mit etwas geantwortet, das kein Bild ist ({what}, {size}): prüfen, ob die Kamera-URL ihre Schnappschuss-Adresse ist (bei einer Axis-Kamera http://camera/axis-cgi/jpg/image.cgi).</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="460"/>
        <source>The camera at {address} sent a {kind} picture; the station keeps JPEG or PNG: set the camera to JPEG snapshots.</source>
        <translation>Die Kamera an {address} hat ein {kind}-Bild gesendet; die Station speichert JPEG oder PNG: die Kamera auf JPEG-Schnappschüsse einstellen.</translation>
    </message>
    <message>
        <location filename="../../devices/scanning/http_camera.py" line="467"/>
        <source>The camera at {address} sent a picture of only {width}×{height} pixels: it may have no picture to give (lens covered, sensor off), or it is set to a tiny resolution.</source>
        <translation>Die Kamera an {address} hat ein Bild mit nur {width}×{height} Pixeln gesendet: Vielleicht hat sie kein Bild (Objektiv verdeckt, Sensor aus), oder sie ist auf eine winzige Auflösung eingestellt.</translation>
    </message>
</context>
<context>
    <name>DispositionScreen</name>
    <message>
        <location filename="../../ui/screens/disposition.py" line="136"/>
        <source>Override the proposed outcome</source>
        <translation>Vorgeschlagene Verwendung ändern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="137"/>
        <source>Where the unit goes</source>
        <translation>Wohin die Einheit kommt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Outcome</source>
        <translation>&amp;Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Location or tote</source>
        <translation>&amp;Lagerort oder Behälter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138"/>
        <source>&amp;Why (required)</source>
        <translation>&amp;Warum (Pflicht)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="141"/>
        <source>Save override</source>
        <translation>Änderung speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="142"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="199"/>
        <source>No outcome yet: inspect the unit first (F3), or scan a licence plate.</source>
        <translation>Noch keine Verwendung: zuerst die Einheit prüfen (F3) oder ein Lizenzschild scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="201"/>
        <source>Scan a licence plate to see its outcome.</source>
        <translation>Scannen Sie ein Lizenzschild, um seine Verwendung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208"/>
        <source>Overridden: %1</source>
        <translation>Geändert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208"/>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="211"/>
        <source>A supervisor must approve:</source>
        <translation>Ein Vorgesetzter muss freigeben:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="213"/>
        <source>No approval needed.</source>
        <translation>Keine Freigabe nötig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="214"/>
        <source>Unit state: %1</source>
        <translation>Status der Einheit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="231"/>
        <source>%1 waits for a supervisor: %2 Ask one to approve on Approvals (F5).</source>
        <translation>%1 wartet auf einen Vorgesetzten: %2 Bitten Sie einen, unter Freigaben (F5) freizugeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="242"/>
        <source>There is no proposed outcome to override yet.</source>
        <translation>Es gibt noch keine vorgeschlagene Verwendung zum Ändern.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="263"/>
        <source>Override saved: %1 to %2. Confirm it (Ctrl+Enter).</source>
        <translation>Änderung gespeichert: %1 nach %2. Bitte bestätigen (Strg+Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="274"/>
        <source>There is no proposed outcome for this unit yet: inspect it first.</source>
        <translation>Für diese Einheit gibt es noch keine vorgeschlagene Verwendung: zuerst prüfen.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../ui/feedback.py" line="191"/>
        <source>Something went wrong — the action was not saved. Try again; if it happens again, call IT.</source>
        <translation>Etwas ist schiefgegangen — die Aktion wurde nicht gespeichert. Erneut versuchen; passiert es wieder, die IT rufen.</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <location filename="../../ui/screens/history.py" line="57"/>
        <source>Units found</source>
        <translation>Gefundene Einheiten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="60"/>
        <source>Timeline of the selected unit</source>
        <translation>Ablauf der ausgewählten Einheit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="74"/>
        <source>Licence plate, serial, RMA, tracking or order number — or scan it</source>
        <translation>Lizenzschild, Seriennr., RMA, Sendungs- oder Auftragsnummer — oder scannen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="75"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="109"/>
        <source>%1 unit(s) found for “%2”.</source>
        <translation>%1 Einheit(en) für „%2“ gefunden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="113"/>
        <source>Nothing found for “%1”.</source>
        <translation>Nichts gefunden für „%1“.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="114"/>
        <source>Nothing found for “%1”. Check the number and try again.</source>
        <translation>Nichts gefunden für „%1“. Nummer prüfen und erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>InspectScreen</name>
    <message>
        <location filename="../../ui/screens/inspect.py" line="185"/>
        <source>Checklist</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="186"/>
        <source>Grade</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="187"/>
        <source>Defects, notes and photos</source>
        <translation>Mängel, Notizen und Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="188"/>
        <source>&amp;Defect codes</source>
        <translation>&amp;Mängelcodes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="189"/>
        <source>e.g. SCRATCH, DENT (comma between codes)</source>
        <translation>z. B. SCRATCH, DENT (Komma zwischen Codes)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="190"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="191"/>
        <source>P&amp;hotos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="248"/>
        <source>The last unit&apos;s inspection was not saved: its photos and notes are cleared.</source>
        <translation>Die Prüfung der vorigen Einheit wurde nicht gespeichert: ihre Fotos und Notizen sind gelöscht.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="276"/>
        <source>No unit selected: scan a licence plate, or pick a unit on Receive (F2).</source>
        <translation>Keine Einheit gewählt: ein Lizenzschild scannen oder eine Einheit unter Annehmen (F2) wählen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="278"/>
        <source>serial %1</source>
        <translation>Seriennr. %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="281"/>
        <source>graded %1</source>
        <translation>Zustand %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="303"/>
        <source>Loading the checklist…</source>
        <translation>Prüfliste wird geladen…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="303"/>
        <source>Select a unit to see its checklist.</source>
        <translation>Wählen Sie eine Einheit, um ihre Prüfliste zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="309"/>
        <source>— choose —</source>
        <translation>— wählen —</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="311"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="312"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="323"/>
        <source>* must be answered</source>
        <translation>* Pflichtangabe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="366"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="367"/>
        <source>(not sellable)</source>
        <translation>(nicht verkaufsfähig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="381"/>
        <source>This grade needs at least one photo of the damage: take one (Ctrl+Shift+T) or add one from a file (Ctrl+Shift+F).</source>
        <translation>Dieser Zustand braucht mindestens ein Foto des Schadens: eines aufnehmen (Strg+Umschalt+T) oder aus einer Datei hinzufügen (Strg+Umschalt+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="387"/>
        <source>This grade needs at least one photo of the damage: add one (Ctrl+Shift+F).</source>
        <translation>Dieser Zustand braucht mindestens ein Foto des Schadens: eines hinzufügen (Strg+Umschalt+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="390"/>
        <source>%1 photo(s) will be saved with the inspection.</source>
        <translation>%1 Foto(s) werden mit der Prüfung gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="392"/>
        <source>Photos are optional for this grade.</source>
        <translation>Fotos sind für diesen Zustand freiwillig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="398"/>
        <source>No camera is set up on this station: add photos from files (Ctrl+Shift+F).</source>
        <translation>An dieser Station ist keine Kamera eingerichtet: Fotos aus Dateien hinzufügen (Strg+Umschalt+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="402"/>
        <source>The camera is connecting…</source>
        <translation>Die Kamera verbindet sich…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="405"/>
        <source>The camera is not connected.</source>
        <translation>Die Kamera ist nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="410"/>
        <source>Taking a photo…</source>
        <translation>Foto wird aufgenommen…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="414"/>
        <source>Camera ready: Take photo (Ctrl+Shift+T).</source>
        <translation>Kamera bereit: Foto aufnehmen (Strg+Umschalt+T).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="454"/>
        <source>The photo of %1 was not kept: the form shows another unit now.</source>
        <translation>Das Foto von %1 wurde nicht behalten: das Formular zeigt jetzt eine andere Einheit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="465"/>
        <source>Camera photo %1 (%2×%3)</source>
        <translation>Kamerafoto %1 (%2×%3)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="462"/>
        <source>Photo taken of %1.</source>
        <translation>Foto von %1 aufgenommen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="469"/>
        <source>Add photos</source>
        <translation>Fotos hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="469"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Bilder (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="429"/>
        <location filename="../../ui/screens/inspect.py" line="480"/>
        <source>Select a unit to inspect first.</source>
        <translation>Wählen Sie zuerst eine Einheit zum Prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="483"/>
        <source>Choose a grade (arrow keys in the grade list).</source>
        <translation>Wählen Sie einen Zustand (Pfeiltasten in der Zustandsliste).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="509"/>
        <source>Inspection saved. Proposed: %1 to %2.</source>
        <translation>Prüfung gespeichert. Vorschlag: %1 nach %2.</translation>
    </message>
</context>
<context>
    <name>LabelsScreen</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="67"/>
        <source>Waiting to print</source>
        <translation>Warten auf Druck</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="69"/>
        <source>Printed since the station started</source>
        <translation>Seit dem Start der Station gedruckt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="73"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="95"/>
        <source>Select a label to see it.</source>
        <translation>Wählen Sie ein Etikett, um es zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="125"/>
        <source>Printer: no news yet</source>
        <translation>Drucker: noch keine Rückmeldung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="127"/>
        <source>The printer&apos;s state shows here after the first label or status check.</source>
        <translation>Der Druckerstatus erscheint hier nach dem ersten Etikett oder der ersten Statusabfrage.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="130"/>
        <source>Printer: %1</source>
        <translation>Drucker: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="133"/>
        <source>Waiting labels print when you press Print waiting labels (Ctrl+Shift+P).</source>
        <translation>Wartende Etiketten werden mit „Wartende Etiketten drucken“ (Strg+Umschalt+P) gedruckt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="157"/>
        <source>No label printer is set up, so there is no preview.</source>
        <translation>Kein Etikettendrucker eingerichtet, daher keine Vorschau.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="171"/>
        <source>The preview could not be drawn.</source>
        <translation>Die Vorschau konnte nicht angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="180"/>
        <source>%1 found. Reprint (Ctrl+P) prints its licence plate, or its routing label once it has an outcome.</source>
        <translation>%1 gefunden. Nachdrucken (Strg+P) druckt das Lizenzschild oder, sobald eine Verwendung feststeht, das Zieletikett.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="183"/>
        <source>%1: press Ctrl+P to reprint its label.</source>
        <translation>%1: Strg+P drücken, um das Etikett nachzudrucken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="200"/>
        <source>Select a label, or scan a licence plate, to reprint.</source>
        <translation>Wählen Sie ein Etikett oder scannen Sie ein Lizenzschild zum Nachdrucken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="204"/>
        <source>Label for %1 printed again.</source>
        <translation>Etikett für %1 erneut gedruckt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="232"/>
        <source>%1 label(s) still waiting: fix the printer, then try again.</source>
        <translation>%1 Etikett(en) warten noch: Drucker in Ordnung bringen, dann erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="235"/>
        <source>All %1 waiting label(s) printed.</source>
        <translation>Alle %1 wartenden Etikett(en) gedruckt.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/words.py" line="36"/>
        <source>en</source>
        <translation>de</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window.py" line="189"/>
        <source>Returns Station %1</source>
        <translation>Retourenstation %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="193"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="194"/>
        <source>Scan, or type a code and press Enter (Ctrl+L)</source>
        <translation>Scannen oder Code eintippen und Enter drücken (Strg+L)</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="195"/>
        <source>☰ Menu</source>
        <translation>☰ Menü</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="204"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="222"/>
        <source>open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="267"/>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="315"/>
        <source>The camera read %1. On Inspect it only opens licence plates.</source>
        <translation>Die Kamera hat %1 gelesen. Unter „Prüfen“ öffnet sie nur Lizenzschilder.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="319"/>
        <source>Someone is already signed in. Sign out first (Ctrl+Shift+Q).</source>
        <translation>Es ist bereits jemand angemeldet. Zuerst abmelden (Strg+Umschalt+Q).</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="355"/>
        <source>Station locked after inactivity. Scan your badge to continue.</source>
        <translation>Station nach Inaktivität gesperrt. Ausweis scannen, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="359"/>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="369"/>
        <source>Scan your badge to sign in.</source>
        <translation>Ausweis scannen, um sich anzumelden.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="370"/>
        <source>Ready: scan anything.</source>
        <translation>Bereit: beliebigen Code scannen.</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../ui/preferences.py" line="55"/>
        <source>Station id</source>
        <translation>Stations-ID</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="56"/>
        <source>Central server URL</source>
        <translation>URL des zentralen Servers</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="57"/>
        <source>Scanner port</source>
        <translation>Scanner-Anschluss</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="58"/>
        <source>Printer address</source>
        <translation>Druckeradresse</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="59"/>
        <source>RFID reader address</source>
        <translation>Adresse des RFID-Lesers</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="60"/>
        <source>Camera address</source>
        <translation>Kameraadresse</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="61"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="62"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="149"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="215"/>
        <source>change the station settings</source>
        <translation>die Stationseinstellungen ändern</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="224"/>
        <source>%1 is set by IT in %2 and cannot be changed here.</source>
        <translation>%1: von der IT in %2 festgelegt, hier nicht änderbar.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="233"/>
        <source>The settings were not saved. %1</source>
        <translation>Die Einstellungen wurden nicht gespeichert. %1</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="245"/>
        <source>The settings could not be saved (disk full or not writable). Ask IT.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <location filename="../../ui/preferences.py" line="264"/>
        <source>The settings were not saved: %1 is not a valid settings file (%2). Ask IT to correct it.</source>
        <translation>Die Einstellungen wurden nicht gespeichert: %1 ist keine gültige Einstellungsdatei (%2). Bitten Sie die IT, sie zu korrigieren.</translation>
    </message>
</context>
<context>
    <name>ReceiveScreen</name>
    <message>
        <location filename="../../ui/screens/receive.py" line="99"/>
        <source>Expected lines</source>
        <translation>Erwartete Positionen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="102"/>
        <source>Units received</source>
        <translation>Angenommene Einheiten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="104"/>
        <source>Exceptions</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="148"/>
        <source>Scan the RMA, the return label, the tracking number, the order number or an item to open its return.</source>
        <translation>Scannen Sie RMA, Retourenetikett, Sendungsnummer, Auftragsnummer oder einen Artikel, um seine Retoure zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="151"/>
        <source>Report a problem with this return</source>
        <translation>Problem mit dieser Retoure melden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="152"/>
        <source>What is wrong, in a few words</source>
        <translation>Was nicht stimmt, in wenigen Worten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="153"/>
        <source>Save problem</source>
        <translation>Problem speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="154"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="206"/>
        <source>Return %1 is open: scan its items.</source>
        <translation>Retoure %1 ist offen: Artikel scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="209"/>
        <source>Same scan again: ignored.</source>
        <translation>Gleicher Scan noch einmal: ignoriert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="216"/>
        <source>Received %1 as %2. Stick the licence plate on it.</source>
        <translation>%1 als %2 angenommen. Lizenzschild aufkleben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="242"/>
        <source>Licence plate not printed: %1</source>
        <translation>Lizenzschild nicht gedruckt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="249"/>
        <source>Select a received unit first (arrow keys), then Inspect.</source>
        <translation>Zuerst eine angenommene Einheit wählen (Pfeiltasten), dann Prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="265"/>
        <source>Blind receipt opened: scan the parcel&apos;s items. Central resolves it later.</source>
        <translation>Annahme ohne Freigabe geöffnet: Artikel des Pakets scannen. Die Zentrale klärt das später.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="278"/>
        <source>Recorded: parcel arrived damaged. Photograph it before unpacking.</source>
        <translation>Erfasst: Paket kam beschädigt an. Vor dem Auspacken fotografieren.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="285"/>
        <location filename="../../ui/screens/receive.py" line="333"/>
        <source>Open a return first: scan its label.</source>
        <translation>Zuerst eine Retoure öffnen: ihr Etikett scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="303"/>
        <source>Problem recorded: %1.</source>
        <translation>Problem erfasst: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="321"/>
        <source>Return %1 closed; %2 item(s) missing were reported to central.</source>
        <translation>Retoure %1 abgeschlossen; %2 fehlende Artikel wurden an die Zentrale gemeldet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="324"/>
        <source>Return %1 closed: complete.</source>
        <translation>Retoure %1 abgeschlossen: vollständig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="352"/>
        <source>Return %1 — %2</source>
        <translation>Retoure %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="355"/>
        <source>Order %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="357"/>
        <source>Tracking %1</source>
        <translation>Sendung %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="358"/>
        <source>Customer tier: %1</source>
        <translation>Kundenstufe: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="360"/>
        <source>Blind receipt: no authorization found</source>
        <translation>Annahme ohne Freigabe: keine Retourenfreigabe gefunden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="361"/>
        <source>%1 unit(s) received, %2 missing</source>
        <translation>%1 Einheit(en) angenommen, %2 fehlen</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="198"/>
        <source>Sign in first: scan your badge.</source>
        <translation>Zuerst anmelden: Ausweis scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="45"/>
        <source>Label printed. Put %1 in %2.</source>
        <translation>Etikett gedruckt. %1 nach %2 bringen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="49"/>
        <source>Put %1 in %2. The routing label did not print: %3</source>
        <translation>%1 nach %2 bringen. Das Zieletikett wurde nicht gedruckt: %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="88"/>
        <source>No unit with licence plate %1 on this station.</source>
        <translation>Keine Einheit mit Lizenzschild %1 auf dieser Station.</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="26"/>
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="63"/>
        <source>Disposition</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="35"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="102"/>
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="35"/>
        <source>Labels</source>
        <translation>Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="60"/>
        <source>Receive</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="55"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="21"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="30"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="188"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="189"/>
        <source>Central server and enrollment</source>
        <translation>Zentrale und Anmeldung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="190"/>
        <source>Language, layout and theme</source>
        <translation>Sprache, Anordnung und Farbschema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="194"/>
        <source>&amp;Scanner port</source>
        <translation>&amp;Scanner-Anschluss</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="195"/>
        <source>&amp;Printer address</source>
        <translation>&amp;Druckeradresse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="196"/>
        <source>&amp;RFID reader address</source>
        <translation>Adresse des &amp;RFID-Lesers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="197"/>
        <source>&amp;Camera URL</source>
        <translation>&amp;Kamera-URL</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="202"/>
        <source>e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0</source>
        <translation>z. B. tcp://10.0.0.20:9100 oder /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="203"/>
        <source>e.g. llrp://10.0.0.30:5084</source>
        <translation>z. B. llrp://10.0.0.30:5084</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="204"/>
        <source>e.g. http://10.0.0.40/axis-cgi/jpg/image.cgi</source>
        <translation>z. B. http://10.0.0.40/axis-cgi/jpg/image.cgi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="205"/>
        <source>Test scan</source>
        <translation>Testscan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="206"/>
        <source>Test print</source>
        <translation>Testdruck</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="207"/>
        <source>Test camera</source>
        <translation>Kamera testen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>Station &amp;id</source>
        <translation>Stations-&amp;ID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>Central server &amp;URL</source>
        <translation>&amp;URL der Zentrale</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="210"/>
        <source>&amp;Enrollment code</source>
        <translation>&amp;Anmeldecode</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="214"/>
        <source>Enroll this station</source>
        <translation>Diese Station anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>La&amp;yout</source>
        <translation>An&amp;ordnung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="217"/>
        <source>&amp;Lock after (minutes)</source>
        <translation>Sperren &amp;nach (Minuten)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="221"/>
        <source>Sound on scans</source>
        <translation>Ton bei Scans</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="224"/>
        <source>Automatic (by screen size)</source>
        <translation>Automatisch (nach Bildschirmgröße)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="225"/>
        <source>Desktop</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="226"/>
        <source>Handheld</source>
        <translation>Handgerät</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="228"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="229"/>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="232"/>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="235"/>
        <source>Saving applies at once: devices reconnect, and language, layout, theme, lock time and sound change. The station id and the central server take a restart of the station.</source>
        <translation>Beim Speichern gilt alles sofort: Geräte verbinden sich neu, Sprache, Layout, Design, Sperrzeit und Ton wechseln. Stations-ID und zentraler Server brauchen einen Neustart der Station.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="239"/>
        <source>Restart the station now</source>
        <translation>Station jetzt neu starten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="359"/>
        <source>The settings were not saved. %1</source>
        <translation>Die Einstellungen wurden nicht gespeichert. %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="398"/>
        <source>Settings saved and applied.</source>
        <translation>Einstellungen gespeichert und angewendet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="398"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="400"/>
        <source>Reconnecting: %1.</source>
        <translation>Neu verbunden wird: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="426"/>
        <source>Saved, not yet in use: %1. The station sets up its identity and its connection to central (sync worker, credential) when it starts.</source>
        <translation>Gespeichert, noch nicht in Gebrauch: %1. Ihre Identität und die Verbindung zur Zentrale (Synchronisierung, Zugangsdaten) richtet die Station beim Start ein.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="431"/>
        <source>Restart it to use them: work already saved is kept; whoever is signed in signs in again.</source>
        <translation>Starten Sie sie neu, um sie zu verwenden: Gespeicherte Arbeit bleibt erhalten; wer angemeldet ist, meldet sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="434"/>
        <source>Close the station and start it again to use them.</source>
        <translation>Schließen Sie die Station und starten Sie sie erneut, um sie zu verwenden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="443"/>
        <source>restart the station</source>
        <translation>die Station neu starten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="446"/>
        <source>This station cannot restart itself: close it and start it again.</source>
        <translation>Diese Station kann sich nicht selbst neu starten: Schließen Sie sie und starten Sie sie erneut.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="249"/>
        <location filename="../../ui/screens/settings.py" line="354"/>
        <source>change the station settings</source>
        <translation>die Einstellungen der Station ändern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="284"/>
        <source>Set by IT in %1 (%2).</source>
        <translation>Von der IT festgelegt in %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="286"/>
        <source>The demo sets this: it runs its own central server simulator.</source>
        <translation>Von der Demo festgelegt: Sie betreibt ihren eigenen Simulator des zentralen Servers.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="302"/>
        <source>Shown read-only: %1 are set by IT in %2. The station reads that file at every start; IT changes them there.</source>
        <translation>Nur lesbar: %1 legt die IT in %2 fest. Die Station liest diese Datei bei jedem Start; die IT ändert sie dort.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="312"/>
        <source>IT lets this station override its provisioning file: changes here are also saved to %1.</source>
        <translation>Die IT erlaubt dieser Station, ihre Provisionierungsdatei zu übersteuern: Änderungen hier werden auch in %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="317"/>
        <source>Demo: the station id and the central server are the demo&apos;s own.</source>
        <translation>Demo: Stations-ID und zentraler Server sind die der Demo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="324"/>
        <source>No devices are managed by this station yet.</source>
        <translation>Diese Station verwaltet noch keine Geräte.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="402"/>
        <source>Applies after a restart: %1.</source>
        <translation>Gilt nach einem Neustart: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="453"/>
        <source>No %1 is set up on this station.</source>
        <translation>Auf dieser Station ist kein %1 eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="460"/>
        <source>test the station&apos;s devices</source>
        <translation>die Geräte der Station testen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="463"/>
        <source>Scan any barcode with the scanner now…</source>
        <translation>Jetzt einen beliebigen Barcode mit dem Scanner scannen…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="476"/>
        <source>enroll the station</source>
        <translation>die Station anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="479"/>
        <source>Sync is not running on this station, so it cannot enroll.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht, daher kann sie sich nicht anmelden.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="62"/>
        <source>Station %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="63"/>
        <source>&amp;Badge or user name</source>
        <translation>&amp;Ausweis oder Benutzername</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="64"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="65"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="67"/>
        <source>Scan your badge, then type your PIN and press Enter. Forgot your PIN? Ask a supervisor.</source>
        <translation>Ausweis scannen, dann PIN eingeben und Enter drücken. PIN vergessen? Einen Vorgesetzten fragen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="69"/>
        <source>Scan your badge</source>
        <translation>Ausweis scannen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="82"/>
        <source>Badge read. Type your PIN and press Enter.</source>
        <translation>Ausweis gelesen. PIN eingeben und Enter drücken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="90"/>
        <source>Locked after inactivity. %1 was signed in: sign in again to continue.</source>
        <translation>Nach Inaktivität gesperrt. %1 war angemeldet: erneut anmelden, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="102"/>
        <source>Scan your badge or type your user name first.</source>
        <translation>Zuerst Ausweis scannen oder Benutzernamen eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="106"/>
        <source>Type your PIN.</source>
        <translation>PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="124"/>
        <source>Signed in: %1 (%2)</source>
        <translation>Angemeldet: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/__main__.py" line="226"/>
        <source>The station cannot start</source>
        <translation>Die Station kann nicht starten</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="128"/>
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="129"/>
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="130"/>
        <source>Print</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="131"/>
        <source>Cam</source>
        <translation>Kam</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="155"/>
        <source>%1: none</source>
        <translation>%1: keiner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="155"/>
        <source>Not set up.</source>
        <translation>Nicht eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="173"/>
        <source>Central: …</source>
        <translation>Zentrale: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="174"/>
        <source>Queue: …</source>
        <translation>Warteschlange: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178"/>
        <source>Central is reachable.</source>
        <translation>Die Zentrale ist erreichbar.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="180"/>
        <source>Online (slow)</source>
        <translation>Online (langsam)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="182"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="184"/>
        <source>Not enrolled</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="186"/>
        <source>Sync off</source>
        <translation>Sync aus</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="188"/>
        <source>To sync: %1</source>
        <translation>Zu synchronisieren: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="189"/>
        <source>Oldest waiting: %1</source>
        <translation>Älteste wartet seit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="192"/>
        <source> · parked: %1</source>
        <translation> · zurückgestellt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="193"/>
        <source>Parked items need a person: open Sync (F7).</source>
        <translation>Zurückgestellte Einträge brauchen einen Menschen: Synchronisierung öffnen (F7).</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="200"/>
        <source>Nobody signed in</source>
        <translation>Niemand angemeldet</translation>
    </message>
</context>
<context>
    <name>SupervisorForm</name>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="32"/>
        <source>Supervisor</source>
        <translation>Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="33"/>
        <source>Supervisor &amp;badge or user</source>
        <translation>&amp;Ausweis oder Benutzer des Vorgesetzten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="34"/>
        <source>Supervisor P&amp;IN</source>
        <translation>P&amp;IN des Vorgesetzten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="35"/>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="36"/>
        <source>The supervisor scans their badge</source>
        <translation>Der Vorgesetzte scannt seinen Ausweis</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../sync/client.py" line="119"/>
        <source>the push</source>
        <translation>das Senden</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="120"/>
        <source>the batch</source>
        <translation>den Stapel</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="121"/>
        <source>the station&apos;s credential</source>
        <translation>die Zugangsdaten der Station</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="122"/>
        <source>the token request</source>
        <translation>die Token-Anfrage</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="123"/>
        <source>the health check</source>
        <translation>die Statusabfrage</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="124"/>
        <source>the enrollment</source>
        <translation>die Anmeldung</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="125"/>
        <source>the lookup</source>
        <translation>die Suche</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="126"/>
        <source>the photo</source>
        <translation>das Foto</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="130"/>
        <source>the {feed} feed</source>
        <translation>den Feed {feed}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="137"/>
        <source>Central server not reachable: no answer to connect within {seconds:g} s</source>
        <translation>Zentrale nicht erreichbar: keine Antwort auf den Verbindungsaufbau innerhalb von {seconds:g} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="143"/>
        <source>Server answering slowly: no answer within {seconds:g} s</source>
        <translation>Server antwortet langsam: keine Antwort innerhalb von {seconds:g} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="151"/>
        <source>Central server&apos;s certificate is not trusted: check the server address and the CA bundle in the station&apos;s sync settings</source>
        <translation>Dem Zertifikat der Zentrale wird nicht vertraut: Serveradresse und CA-Bundle in den Sync-Einstellungen der Station prüfen</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="160"/>
        <source>Central server not reachable: connection refused</source>
        <translation>Zentrale nicht erreichbar: Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="164"/>
        <source>Central server not reachable: no route to the server</source>
        <translation>Zentrale nicht erreichbar: kein Weg zum Server</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="170"/>
        <source>Connection to the central server dropped before its answer arrived</source>
        <translation>Die Verbindung zur Zentrale brach ab, bevor ihre Antwort ankam</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="179"/>
        <source>Central server not reachable: {problem}</source>
        <translation>Zentrale nicht erreichbar: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="190"/>
        <source>Central server sent an unreadable answer to {what} (not complete JSON)</source>
        <translation>Die Zentrale hat eine unlesbare Antwort geschickt auf: {what} (kein vollständiges JSON)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="198"/>
        <source>Central server sent an unreadable answer to {what} (not a JSON object)</source>
        <translation>Die Zentrale hat eine unlesbare Antwort geschickt auf: {what} (kein JSON-Objekt)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="205"/>
        <source>Central server sent an unreadable answer to {what}</source>
        <translation>Die Zentrale hat eine unlesbare Antwort geschickt auf: {what}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="213"/>
        <source>Central server sent an unreadable answer to the push (no results list)</source>
        <translation>Die Zentrale hat eine unlesbare Antwort auf das Senden geschickt (keine Ergebnisliste)</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="217"/>
        <source>Central server answered {results} results for {changes} changes; nothing was marked as sent</source>
        <translation>Die Zentrale hat {results} Ergebnisse für {changes} Änderungen geschickt; nichts wurde als gesendet markiert</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="227"/>
        <source>Central server answered for changes that were not sent in this batch; nothing was marked as sent</source>
        <translation>Die Zentrale hat für Änderungen geantwortet, die nicht in diesem Stapel waren; nichts wurde als gesendet markiert</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="242"/>
        <source>Central server&apos;s answer for this change was unreadable (status {status}); it stays queued and is sent again</source>
        <translation>Die Antwort der Zentrale auf diese Änderung war unlesbar (Status {status}); sie bleibt in der Warteschlange und wird erneut gesendet</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="257"/>
        <source>Refused by central.</source>
        <translation>Von der Zentrale abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="271"/>
        <source>Central server sent an unreadable page of the {feed} feed</source>
        <translation>Die Zentrale hat eine unlesbare Seite des Feeds {feed} geschickt</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="274"/>
        <source>Central server sent an unreadable item in the {feed} feed</source>
        <translation>Die Zentrale hat einen unlesbaren Eintrag im Feed {feed} geschickt</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="283"/>
        <source>Central server sent an item of the {feed} feed without its data</source>
        <translation>Die Zentrale hat einen Eintrag des Feeds {feed} ohne Daten geschickt</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="364"/>
        <source>Central server address looks wrong: {url} does not answer the Station Sync API (HTTP {status}). Check the address in the station&apos;s sync settings</source>
        <translation>Die Adresse der Zentrale scheint falsch: {url} beantwortet die Station-Sync-API nicht (HTTP {status}). Die Adresse in den Sync-Einstellungen der Station prüfen</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="377"/>
        <source>Central server is busy; trying again in {seconds:.0f} s</source>
        <translation>Die Zentrale ist ausgelastet; neuer Versuch in {seconds:.0f} s</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="383"/>
        <source>Central server has a problem (HTTP {http_status}); trying again later</source>
        <translation>Die Zentrale hat ein Problem (HTTP {http_status}); später neuer Versuch</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="391"/>
        <source>Server refused our credential: it belongs to another station. Re-enrol the station</source>
        <translation>Der Server hat unsere Zugangsdaten abgelehnt: Sie gehören zu einer anderen Station. Station neu anmelden</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="395"/>
        <source>Server refused our credential: it belongs to another station. Re-enrol the station ({detail})</source>
        <translation>Der Server hat unsere Zugangsdaten abgelehnt: Sie gehören zu einer anderen Station. Station neu anmelden ({detail})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="402"/>
        <source>The feed was reset on the server; reading it again from the start</source>
        <translation>Der Feed wurde auf dem Server zurückgesetzt; er wird von vorn gelesen</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="407"/>
        <source>Central server refused {what} ({answer}): {detail}</source>
        <translation>Die Zentrale hat abgelehnt: {what} ({answer}): {detail}</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="409"/>
        <source>Central server refused {what} ({answer})</source>
        <translation>Die Zentrale hat abgelehnt: {what} ({answer})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="431"/>
        <source>This station is not enrolled with a central server yet: enrol it with a token from IT</source>
        <translation>Diese Station ist noch bei keiner Zentrale angemeldet: mit einem Token von der IT anmelden</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="443"/>
        <source>Server refused our credential: re-enrol the station ({refusal})</source>
        <translation>Der Server hat unsere Zugangsdaten abgelehnt: Station neu anmelden ({refusal})</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="491"/>
        <source>Central server does not know this enrollment token: check it or ask IT for a new one</source>
        <translation>Die Zentrale kennt dieses Anmelde-Token nicht: prüfen oder bei der IT ein neues anfordern</translation>
    </message>
    <message>
        <location filename="../../sync/client.py" line="497"/>
        <source>This enrollment token was already used: ask IT for a new one</source>
        <translation>Dieses Anmelde-Token wurde schon benutzt: bei der IT ein neues anfordern</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="61"/>
        <source>Connected to the central server</source>
        <translation>Mit der Zentrale verbunden</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="63"/>
        <source>Not yet in touch with the central server</source>
        <translation>Noch kein Kontakt zur Zentrale</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="79"/>
        <source>Central server is busy: sending more slowly</source>
        <translation>Die Zentrale ist ausgelastet: Es wird langsamer gesendet</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="82"/>
        <source>Central server has a problem (HTTP {http_status})</source>
        <translation>Die Zentrale hat ein Problem (HTTP {http_status})</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="86"/>
        <source>Central server sent an unreadable answer</source>
        <translation>Die Zentrale hat eine unlesbare Antwort geschickt</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="111"/>
        <source>Server answering slowly ({seconds:.0f} s)</source>
        <translation>Server antwortet langsam ({seconds:.0f} s)</translation>
    </message>
    <message>
        <location filename="../../sync/connectivity.py" line="126"/>
        <source>Sync stopped by an internal error: restart the station and tell IT</source>
        <translation>Synchronisierung wegen eines internen Fehlers gestoppt: Station neu starten und die IT informieren</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="38"/>
        <source>This computer has no secure credential store (OS keyring), so the station cannot keep its central-server credential</source>
        <translation>Dieser Computer hat keinen sicheren Speicher für Zugangsdaten (Schlüsselbund des Betriebssystems), daher kann die Station ihre Zugangsdaten für die Zentrale nicht aufbewahren</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="43"/>
        <source>{reason}. Ask IT to enable the system keyring (Secret Service, Windows Credential Manager or macOS Keychain).</source>
        <translation>{reason}. Die IT bitten, den Schlüsselbund des Systems einzuschalten (Secret Service, Windows-Anmeldeinformationsverwaltung oder macOS-Schlüsselbund).</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="50"/>
        <source>The secure credential store (OS keyring) refused the station&apos;s credential: {problem}</source>
        <translation>Der sichere Speicher für Zugangsdaten (Schlüsselbund des Betriebssystems) hat die Zugangsdaten der Station abgelehnt: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/credentials.py" line="55"/>
        <source>{reason}. Ask IT.</source>
        <translation>{reason}. Die IT fragen.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="53"/>
        <source>The enrollment token was used: ask IT for a new one once the keyring works.</source>
        <translation>Das Anmelde-Token wurde verbraucht: bei der IT ein neues anfordern, sobald der Schlüsselbund funktioniert.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="55"/>
        <source>Nothing was sent to central: the enrollment token is still unused.</source>
        <translation>Nichts wurde an die Zentrale gesendet: Das Anmelde-Token ist noch unbenutzt.</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="58"/>
        <source>{reason}. The station keeps its central-server credential only in a secure OS keyring; set one up as described in {doc} (a kiosk without a desktop session: {command}). {after}</source>
        <translation>{reason}. Die Station bewahrt ihre Zugangsdaten für die Zentrale nur in einem sicheren Schlüsselbund des Betriebssystems auf; einen einrichten wie in {doc} beschrieben (ein Kiosk ohne Desktop-Sitzung: {command}). {after}</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="76"/>
        <source>The keyring backend {backend} stores secrets as plain text</source>
        <translation>Das Schlüsselbund-Backend {backend} speichert Geheimnisse als Klartext</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="86"/>
        <source>This computer has no OS keyring (no Secret Service on a session bus)</source>
        <translation>Dieser Computer hat keinen Schlüsselbund des Betriebssystems (kein Secret Service auf einem Session-Bus)</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="89"/>
        <source>The OS keyring ({backend}) refused a test entry: {problem}</source>
        <translation>Der Schlüsselbund des Betriebssystems ({backend}) hat einen Testeintrag abgelehnt: {problem}</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="92"/>
        <source>The OS keyring ({backend}) does not give back what it is given (a disabled keyring)</source>
        <translation>Der Schlüsselbund des Betriebssystems ({backend}) gibt nicht zurück, was er bekommt (ein abgeschalteter Schlüsselbund)</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="104"/>
        <source>{file}: server.url is not set, so there is no central server to enrol with</source>
        <translation>{file}: server.url ist nicht gesetzt, daher gibt es keine Zentrale zum Anmelden</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="109"/>
        <source>The enrollment token is empty: copy it from central&apos;s admin page</source>
        <translation>Das Anmelde-Token ist leer: von der Admin-Seite der Zentrale kopieren</translation>
    </message>
    <message>
        <location filename="../../sync/enroll.py" line="120"/>
        <source>The OS keyring ({backend}) lost the credential just stored</source>
        <translation>Der Schlüsselbund des Betriebssystems ({backend}) hat die eben gespeicherten Zugangsdaten verloren</translation>
    </message>
    <message>
        <location filename="../../sync/failures.py" line="22"/>
        <source>Server refused our credential: re-enrol the station</source>
        <translation>Der Server hat unsere Zugangsdaten abgelehnt: Station neu anmelden</translation>
    </message>
    <message>
        <location filename="../../sync/feeds.py" line="113"/>
        <source>Central server keeps announcing more of the {feed} feed but sends nothing</source>
        <translation>Die Zentrale kündigt immer mehr vom Feed {feed} an, schickt aber nichts</translation>
    </message>
    <message>
        <location filename="../../sync/feeds.py" line="127"/>
        <source>Central server sent {feed} data the station cannot store ({problem})</source>
        <translation>Die Zentrale hat Daten für {feed} geschickt, die die Station nicht speichern kann ({problem})</translation>
    </message>
    <message>
        <location filename="../../sync/worker.py" line="319"/>
        <source>{refusal}. Central refuses what this station sends: ask IT to check the central address and versions</source>
        <translation>{refusal}. Die Zentrale lehnt ab, was diese Station sendet: die IT bitten, Adresse und Versionen der Zentrale zu prüfen</translation>
    </message>
    <message>
        <location filename="../../sync/worker.py" line="358"/>
        <source>Photo file {path} is missing or damaged on this station</source>
        <translation>Die Fotodatei {path} fehlt auf dieser Station oder ist beschädigt</translation>
    </message>
</context>
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ui/sync_monitor.py" line="31"/>
        <source>Sync is not running on this station: changes are kept locally.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht: Änderungen bleiben lokal gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="117"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="119"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="121"/>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="122"/>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/screens/sync.py" line="60"/>
        <source>Parked: refused by central, waiting for a person</source>
        <translation>Zurückgestellt: von der Zentrale abgelehnt, warten auf einen Menschen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="84"/>
        <source>Waiting to sync</source>
        <translation>Warten auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="85"/>
        <source>Oldest waiting for</source>
        <translation>Ältester wartet seit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="86"/>
        <source>Last successful sync</source>
        <translation>Letzte erfolgreiche Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="87"/>
        <source>Parked</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="91"/>
        <source>&amp;Reason (needed to discard)</source>
        <translation>&amp;Grund (zum Verwerfen nötig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="113"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="117"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="118"/>
        <source>Online, but slow</source>
        <translation>Online, aber langsam</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="119"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="120"/>
        <source>Not enrolled</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="121"/>
        <source>Sync not running</source>
        <translation>Synchronisierung läuft nicht</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="130"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="132"/>
        <source>%1 (holding back %2 more of the same returns)</source>
        <translation>%1 (halten %2 weitere derselben Retouren zurück)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="155"/>
        <source>Sync is not running on this station: changes are kept until it is set up.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht: Änderungen bleiben erhalten, bis sie eingerichtet ist.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="165"/>
        <source>Sync started.</source>
        <translation>Synchronisierung gestartet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="187"/>
        <source>Reference data is up to date (%1 item(s) changed).</source>
        <translation>Stammdaten sind aktuell (%1 Eintrag/Einträge geändert).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="209"/>
        <source>%1 will be sent again.</source>
        <translation>%1 wird erneut gesendet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="226"/>
        <source>%1 discarded: it will never reach central.</source>
        <translation>%1 verworfen: erreicht die Zentrale nie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="242"/>
        <source>Select a parked item first.</source>
        <translation>Zuerst einen zurückgestellten Eintrag wählen.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/words.py" line="39"/>
        <source>received</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="40"/>
        <source>inspected</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="41"/>
        <source>outcome proposed</source>
        <translation>Verwendung vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="42"/>
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="43"/>
        <source>outcome set</source>
        <translation>Verwendung festgelegt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="44"/>
        <source>labelled</source>
        <translation>etikettiert</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="45"/>
        <source>on hold</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="46"/>
        <location filename="../../ui/words.py" line="76"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="47"/>
        <source>inspect</source>
        <translation>prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="48"/>
        <source>propose an outcome</source>
        <translation>Verwendung vorschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="49"/>
        <source>override the outcome</source>
        <translation>Verwendung ändern</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="50"/>
        <source>ask for approval</source>
        <translation>Freigabe anfordern</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="51"/>
        <source>approve</source>
        <translation>freigeben</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="52"/>
        <source>deny</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="53"/>
        <source>confirm the outcome</source>
        <translation>Verwendung bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="54"/>
        <source>print a label</source>
        <translation>Etikett drucken</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="55"/>
        <source>put on hold</source>
        <translation>anhalten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="56"/>
        <source>release from hold</source>
        <translation>Anhalten aufheben</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="57"/>
        <source>close</source>
        <translation>abschließen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="58"/>
        <source>Restock</source>
        <translation>Wieder einlagern</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="59"/>
        <source>Refurbish</source>
        <translation>Aufbereiten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="60"/>
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="61"/>
        <location filename="../../ui/words.py" line="97"/>
        <source>Return to vendor</source>
        <translation>An Lieferanten zurück</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="62"/>
        <source>Liquidate</source>
        <translation>Verwerten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="63"/>
        <source>Donate</source>
        <translation>Spenden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="64"/>
        <source>Recycle</source>
        <translation>Recyceln</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="65"/>
        <source>Scrap</source>
        <translation>Verschrotten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="66"/>
        <location filename="../../ui/words.py" line="98"/>
        <source>Quarantine</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="67"/>
        <source>Wrong item</source>
        <translation>Falscher Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="68"/>
        <source>Undeclared item</source>
        <translation>Nicht angemeldeter Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="69"/>
        <source>Over-receipt</source>
        <translation>Mehrlieferung</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="70"/>
        <source>Missing item</source>
        <translation>Fehlender Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="71"/>
        <source>Serial mismatch</source>
        <translation>Seriennummer weicht ab</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="72"/>
        <source>Damaged in transit</source>
        <translation>Transportschaden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="73"/>
        <source>No authorization</source>
        <translation>Ohne Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="74"/>
        <source>expected</source>
        <translation>erwartet</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="75"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="77"/>
        <location filename="../../ui/words.py" line="85"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="78"/>
        <source>out of labels</source>
        <translation>keine Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="79"/>
        <source>out of ribbon</source>
        <translation>kein Farbband</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="80"/>
        <source>lid open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="81"/>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="82"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="83"/>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="84"/>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="86"/>
        <source>busy</source>
        <translation>beschäftigt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="87"/>
        <source>fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="88"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="89"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="90"/>
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="91"/>
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="92"/>
        <source>inspector</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="93"/>
        <source>supervisor</source>
        <translation>Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="94"/>
        <source>admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="95"/>
        <source>Licence plate</source>
        <translation>Lizenzschild</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="96"/>
        <source>Resale</source>
        <translation>Wiederverkauf</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="102"/>
        <source>waiting to print</source>
        <translation>wartet auf Druck</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="103"/>
        <source>printed</source>
        <translation>gedruckt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="107"/>
        <source>Keep it apart in the exceptions tote; inspect it like any unit, central decides the refund.</source>
        <translation>In den Behälter für Abweichungen legen; wie jede Einheit prüfen, die Zentrale entscheidet über die Erstattung.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="110"/>
        <source>Keep it apart; describe it in a note when you inspect it.</source>
        <translation>Getrennt halten; beim Prüfen in einer Notiz beschreiben.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="113"/>
        <source>Check the count; if it is really one more, inspect it as usual.</source>
        <translation>Menge prüfen; ist es wirklich einer mehr, wie gewohnt prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="116"/>
        <source>Nothing to do at the bench: central follows up with the customer.</source>
        <translation>Am Arbeitsplatz nichts zu tun: die Zentrale klärt es mit dem Kunden.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="119"/>
        <source>Possible fraud: inspect it, then a supervisor must approve its outcome.</source>
        <translation>Möglicher Betrug: prüfen, dann muss ein Vorgesetzter die Verwendung freigeben.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="122"/>
        <source>Photograph the parcel before unpacking; carrier claim follows.</source>
        <translation>Paket vor dem Auspacken fotografieren; Reklamation beim Spediteur folgt.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="125"/>
        <source>Receive the items as usual; central matches the parcel to a customer later.</source>
        <translation>Artikel wie gewohnt annehmen; die Zentrale ordnet das Paket später einem Kunden zu.</translation>
    </message>
</context>
</TS>
