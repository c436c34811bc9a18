<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="58" />
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="59" />
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60" />
        <source>&amp;Work</source>
        <translation>&amp;Arbeit</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61" />
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisieren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="90" />
        <source>Receive</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91" />
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92" />
        <source>Disposition</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93" />
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94" />
        <source>Labels</source>
        <translation>Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95" />
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96" />
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98" />
        <source>Type a code</source>
        <translation>Code eintippen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99" />
        <source>Blind receipt</source>
        <translation>Annahme ohne Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100" />
        <source>Parcel arrived damaged</source>
        <translation>Paket kam beschädigt an</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101" />
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102" />
        <source>Close return</source>
        <translation>Retoure abschließen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103" />
        <source>Inspect selected unit</source>
        <translation>Ausgewählte Einheit prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104" />
        <source>Save inspection</source>
        <translation>Prüfung speichern</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105" />
        <source>Add photo from file</source>
        <translation>Foto aus Datei hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107" />
        <source>Confirm disposition</source>
        <translation>Verwendung bestätigen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109" />
        <source>Override disposition</source>
        <translation>Verwendung ändern</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110" />
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111" />
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112" />
        <source>Reprint label</source>
        <translation>Etikett nachdrucken</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113" />
        <source>Print waiting labels</source>
        <translation>Wartende Etiketten drucken</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114" />
        <source>Search history</source>
        <translation>Im Verlauf suchen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="115" />
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="116" />
        <source>Pull reference data</source>
        <translation>Stammdaten abrufen</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117" />
        <source>Retry parked item</source>
        <translation>Zurückgestellten Eintrag erneut senden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118" />
        <source>Discard parked item…</source>
        <translation>Zurückgestellten Eintrag verwerfen…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="119" />
        <source>Lock station</source>
        <translation>Station sperren</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="120" />
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="121" />
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>Adapters</name>
    <message>
        <location filename="../../ui/adapters.py" line="58" />
        <source>The label is kept and prints once the printer is ready.</source>
        <translation>Das Etikett bleibt erhalten und wird gedruckt, sobald der Drucker bereit ist.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="62" />
        <source>This label cannot be made: %1</source>
        <translation>Dieses Etikett kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="71" />
        <source>This label cannot be drawn: %1</source>
        <translation>Dieses Etikett kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="107" />
        <source>Test label printed: check that its barcodes scan.</source>
        <translation>Testetikett gedruckt: prüfen Sie, ob sich die Barcodes scannen lassen.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="152" />
        <source>This station is not enrolled with central: an admin enrolls it.</source>
        <translation>Diese Station ist nicht bei der Zentrale angemeldet: ein Administrator meldet sie an.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="173" />
        <source>Type the enrollment code IT gave you.</source>
        <translation>Geben Sie den Anmeldecode ein, den Sie von der IT bekommen haben.</translation>
    </message>
    <message>
        <location filename="../../ui/adapters.py" line="182" />
        <source>Station %1 is enrolled with %2.</source>
        <translation>Station %1 ist bei %2 angemeldet.</translation>
    </message>
</context>
<context>
    <name>ApprovalsScreen</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="58" />
        <source>&amp;Reason (needed to deny)</source>
        <translation>&amp;Grund (zum Ablehnen nötig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="59" />
        <source>Nothing waits for a supervisor.</source>
        <translation>Nichts wartet auf einen Vorgesetzten.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="62" />
        <source>Select a unit, then the supervisor scans their badge and types the PIN. Approve (Ctrl+Shift+A) or deny with a reason (Ctrl+Shift+D). Nobody approves their own proposal.</source>
        <translation>Wählen Sie eine Einheit; dann scannt der Vorgesetzte seinen Ausweis und gibt die PIN ein. Freigeben (Strg+Umschalt+A) oder mit Grund ablehnen (Strg+Umschalt+D). Niemand gibt den eigenen Vorschlag frei.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="83" />
        <source>Supervisor badge read: type the PIN.</source>
        <translation>Ausweis des Vorgesetzten gelesen: PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="108" />
        <source>Select the unit to approve or deny first.</source>
        <translation>Wählen Sie zuerst die Einheit zum Freigeben oder Ablehnen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="117" />
        <source>Approved: %1 goes to %2.</source>
        <translation>Freigegeben: %1 kommt nach %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/approvals.py" line="122" />
        <source>Denied: %1 goes back to the inspector to override or re-inspect (%2).</source>
        <translation>Abgelehnt: %1 geht zurück an den Prüfer zum Ändern oder erneuten Prüfen (%2).</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ui/feedback.py" line="62" />
        <source>Scan result</source>
        <translation>Scan-Ergebnis</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../ui/models/returns.py" line="16" />
        <source>Line</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="22" />
        <location filename="../../ui/models/returns.py" line="47" />
        <location filename="../../ui/models/work.py" line="27" />
        <source>SKU</source>
        <translation>Artikel-Nr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="23" />
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="25" />
        <source>Received</source>
        <translation>Erhalten</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="31" />
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="46" />
        <location filename="../../ui/models/work.py" line="25" />
        <location filename="../../ui/models/work.py" line="86" />
        <source>Licence plate</source>
        <translation>Lizenzschild (LPN)</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="49" />
        <source>Serial</source>
        <translation>Seriennr.</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="54" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="56" />
        <source>Grade</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="59" />
        <location filename="../../ui/models/work.py" line="29" />
        <source>Outcome</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="64" />
        <location filename="../../ui/models/work.py" line="31" />
        <source>Location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="79" />
        <location filename="../../ui/models/work.py" line="106" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="84" />
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <location filename="../../ui/models/returns.py" line="85" />
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="36" />
        <source>Why a supervisor</source>
        <translation>Warum ein Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="38" />
        <source>Asked by</source>
        <translation>Angefragt von</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="44" />
        <source>Asked at</source>
        <translation>Angefragt am</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="58" />
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="60" />
        <source>Return</source>
        <translation>Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="62" />
        <source>Refused because</source>
        <translation>Abgelehnt, weil</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="64" />
        <location filename="../../ui/models/work.py" line="100" />
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="71" />
        <source>Made at</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="91" />
        <source>Label</source>
        <translation>Etikett</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="97" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="116" />
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="117" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="118" />
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../ui/models/work.py" line="119" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../../ui/demo_panel.py" line="34" />
        <source>Badge: Ana, inspector (PIN 1111)</source>
        <translation>Ausweis: Ana, Prüferin (PIN 1111)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="35" />
        <source>Return label RMA-100001</source>
        <translation>Retourenetikett RMA-100001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="36" />
        <source>Headphones, the serial that was sold</source>
        <translation>Kopfhörer, die verkaufte Seriennummer</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="37" />
        <source>USB-C charger</source>
        <translation>USB-C-Ladegerät</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="38" />
        <source>Kettle: wrong item for this return</source>
        <translation>Wasserkocher: falscher Artikel für diese Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="39" />
        <source>Headphones, another serial: mismatch</source>
        <translation>Kopfhörer, andere Seriennummer: Abweichung</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="40" />
        <source>Tracking number of RMA-100002</source>
        <translation>Sendungsnummer von RMA-100002</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="41" />
        <source>Phone of RMA-100003 (needs approval)</source>
        <translation>Telefon aus RMA-100003 (braucht Freigabe)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="42" />
        <source>Parcel with no return on file</source>
        <translation>Paket ohne erfasste Retoure</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="43" />
        <source>Badge: Sam, supervisor (PIN 2222)</source>
        <translation>Ausweis: Sam, Vorgesetzter (PIN 2222)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="44" />
        <source>Badge: admin (PIN 9999)</source>
        <translation>Ausweis: Administrator (PIN 9999)</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="111" />
        <source>Simulate a scan</source>
        <translation>Scan simulieren</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="114" />
        <source>Double-click a sample (or select it and press Enter) to send it through the simulated scanner, like a real scan. Start with a badge and its PIN, then a return label and its items.</source>
        <translation>Doppelklicken Sie auf ein Beispiel (oder wählen Sie es und drücken Sie Enter), um es wie einen echten Scan über den simulierten Scanner zu senden. Beginnen Sie mit einem Ausweis und seiner PIN, dann ein Retourenetikett und seine Artikel.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="122" />
        <source>Any code, e.g. SO-500001</source>
        <translation>Beliebiger Code, z. B. SO-500001</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="123" />
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="124" />
        <source>An RFID-tagged item on the reader</source>
        <translation>Ein Artikel mit RFID-Etikett auf dem Leser</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="125" />
        <source>Printer out of labels</source>
        <translation>Drucker ohne Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="126" />
        <source>Central server unreachable</source>
        <translation>Zentrale nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="128" />
        <source>Central RMS simulator: %1</source>
        <translation>Simulator der Zentrale (RMS): %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="129" />
        <source>Label printer simulator: %1</source>
        <translation>Simulator des Etikettendruckers: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="130" />
        <source>Serial scanner simulator: %1</source>
        <translation>Simulator des seriellen Scanners: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="131" />
        <source>LLRP RFID reader simulator: %1</source>
        <translation>Simulator des LLRP-RFID-Lesers: %1</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="134" />
        <source>No RFID reader is wired into this build yet.</source>
        <translation>In dieser Version ist noch kein RFID-Leser angebunden.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="135" />
        <source>No central server is set up: changes stay on this station.</source>
        <translation>Keine Zentrale eingerichtet: Änderungen bleiben auf dieser Station.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="136" />
        <source>No label printer is set up: labels wait on the Labels screen.</source>
        <translation>Kein Etikettendrucker eingerichtet: Etiketten warten in der Ansicht Etiketten.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="137" />
        <source>No scanner simulator: the samples go straight to the station.</source>
        <translation>Kein Scanner-Simulator: die Beispiele gehen direkt an die Station.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="185" />
        <source>Central is unreachable now: keep working, changes wait in the queue.</source>
        <translation>Die Zentrale ist nicht erreichbar: weiterarbeiten, Änderungen warten in der Warteschlange.</translation>
    </message>
    <message>
        <location filename="../../ui/demo_panel.py" line="187" />
        <source>Central is back: the queue empties by itself.</source>
        <translation>Die Zentrale ist wieder da: die Warteschlange leert sich von selbst.</translation>
    </message>
</context>
<context>
    <name>DispositionScreen</name>
    <message>
        <location filename="../../ui/screens/disposition.py" line="137" />
        <source>Override the proposed outcome</source>
        <translation>Vorgeschlagene Verwendung ändern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="138" />
        <source>Where the unit goes</source>
        <translation>Wohin die Einheit kommt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Outcome</source>
        <translation>&amp;Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Location or tote</source>
        <translation>&amp;Lagerort oder Behälter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="139" />
        <source>&amp;Why (required)</source>
        <translation>&amp;Warum (Pflicht)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="142" />
        <source>Save override</source>
        <translation>Änderung speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="143" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="200" />
        <source>No outcome yet: inspect the unit first (F3), or scan a licence plate.</source>
        <translation>Noch keine Verwendung: zuerst die Einheit prüfen (F3) oder ein Lizenzschild scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="202" />
        <source>Scan a licence plate to see its outcome.</source>
        <translation>Scannen Sie ein Lizenzschild, um seine Verwendung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208" />
        <source>Overridden: %1</source>
        <translation>Geändert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="208" />
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="211" />
        <source>A supervisor must approve:</source>
        <translation>Ein Vorgesetzter muss freigeben:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="213" />
        <source>No approval needed.</source>
        <translation>Keine Freigabe nötig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="214" />
        <source>Unit state: %1</source>
        <translation>Status der Einheit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="231" />
        <source>%1 waits for a supervisor: %2 Ask one to approve on Approvals (F5).</source>
        <translation>%1 wartet auf einen Vorgesetzten: %2 Bitten Sie einen, unter Freigaben (F5) freizugeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="242" />
        <source>There is no proposed outcome to override yet.</source>
        <translation>Es gibt noch keine vorgeschlagene Verwendung zum Ändern.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="263" />
        <source>Override saved: %1 to %2. Confirm it (Ctrl+Enter).</source>
        <translation>Änderung gespeichert: %1 nach %2. Bitte bestätigen (Strg+Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="274" />
        <source>There is no proposed outcome for this unit yet: inspect it first.</source>
        <translation>Für diese Einheit gibt es noch keine vorgeschlagene Verwendung: zuerst prüfen.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../ui/feedback.py" line="158" />
        <source>Something went wrong — the action was not saved. Try again; if it happens again, call IT.</source>
        <translation>Etwas ist schiefgegangen — die Aktion wurde nicht gespeichert. Erneut versuchen; passiert es wieder, die IT rufen.</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <location filename="../../ui/screens/history.py" line="57" />
        <source>Units found</source>
        <translation>Gefundene Einheiten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="60" />
        <source>Timeline of the selected unit</source>
        <translation>Ablauf der ausgewählten Einheit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="74" />
        <source>Licence plate, serial, RMA, tracking or order number — or scan it</source>
        <translation>Lizenzschild, Seriennr., RMA, Sendungs- oder Auftragsnummer — oder scannen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="75" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="109" />
        <source>%1 unit(s) found for “%2”.</source>
        <translation>%1 Einheit(en) für „%2“ gefunden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="113" />
        <source>Nothing found for “%1”.</source>
        <translation>Nichts gefunden für „%1“.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="114" />
        <source>Nothing found for “%1”. Check the number and try again.</source>
        <translation>Nichts gefunden für „%1“. Nummer prüfen und erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>InspectScreen</name>
    <message>
        <location filename="../../ui/screens/inspect.py" line="143" />
        <source>Checklist</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="144" />
        <source>Grade</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="145" />
        <source>Defects, notes and photos</source>
        <translation>Mängel, Notizen und Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="146" />
        <source>&amp;Defect codes</source>
        <translation>&amp;Mängelcodes</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="147" />
        <source>e.g. SCRATCH, DENT (comma between codes)</source>
        <translation>z. B. SCRATCH, DENT (Komma zwischen Codes)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="148" />
        <source>&amp;Notes</source>
        <translation>&amp;Notizen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="149" />
        <source>P&amp;hotos</source>
        <translation>&amp;Fotos</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="212" />
        <source>No unit selected: scan a licence plate, or pick a unit on Receive (F2).</source>
        <translation>Keine Einheit gewählt: ein Lizenzschild scannen oder eine Einheit unter Annehmen (F2) wählen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="214" />
        <source>serial %1</source>
        <translation>Seriennr. %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="217" />
        <source>graded %1</source>
        <translation>Zustand %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="239" />
        <source>Loading the checklist…</source>
        <translation>Prüfliste wird geladen…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="239" />
        <source>Select a unit to see its checklist.</source>
        <translation>Wählen Sie eine Einheit, um ihre Prüfliste zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="245" />
        <source>— choose —</source>
        <translation>— wählen —</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="247" />
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="248" />
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="259" />
        <source>* must be answered</source>
        <translation>* Pflichtangabe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="290" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="291" />
        <source>(not sellable)</source>
        <translation>(nicht verkaufsfähig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="304" />
        <source>This grade needs at least one photo of the damage: add one (Ctrl+Shift+F).</source>
        <translation>Dieser Zustand braucht mindestens ein Foto des Schadens: eines hinzufügen (Strg+Umschalt+F).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="307" />
        <source>%1 photo(s) will be saved with the inspection.</source>
        <translation>%1 Foto(s) werden mit der Prüfung gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="309" />
        <source>Photos are optional for this grade.</source>
        <translation>Fotos sind für diesen Zustand freiwillig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="315" />
        <source>Add photos</source>
        <translation>Fotos hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="315" />
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Bilder (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="326" />
        <source>Select a unit to inspect first.</source>
        <translation>Wählen Sie zuerst eine Einheit zum Prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="329" />
        <source>Choose a grade (arrow keys in the grade list).</source>
        <translation>Wählen Sie einen Zustand (Pfeiltasten in der Zustandsliste).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="359" />
        <source>Inspection saved. Proposed: %1 to %2.</source>
        <translation>Prüfung gespeichert. Vorschlag: %1 nach %2.</translation>
    </message>
</context>
<context>
    <name>LabelsScreen</name>
    <message>
        <location filename="../../ui/screens/labels.py" line="68" />
        <source>Waiting to print</source>
        <translation>Warten auf Druck</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="70" />
        <source>Printed since the station started</source>
        <translation>Seit dem Start der Station gedruckt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="74" />
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="96" />
        <source>Select a label to see it.</source>
        <translation>Wählen Sie ein Etikett, um es zu sehen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="126" />
        <source>Printer: no news yet</source>
        <translation>Drucker: noch keine Rückmeldung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="128" />
        <source>The printer's state shows here after the first label or status check.</source>
        <translation>Der Druckerstatus erscheint hier nach dem ersten Etikett oder der ersten Statusabfrage.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="131" />
        <source>Printer: %1</source>
        <translation>Drucker: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="134" />
        <source>Waiting labels print when you press Print waiting labels (Ctrl+Shift+P).</source>
        <translation>Wartende Etiketten werden mit „Wartende Etiketten drucken“ (Strg+Umschalt+P) gedruckt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="158" />
        <source>No label printer is set up, so there is no preview.</source>
        <translation>Kein Etikettendrucker eingerichtet, daher keine Vorschau.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="172" />
        <source>The preview could not be drawn.</source>
        <translation>Die Vorschau konnte nicht angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="181" />
        <source>%1 found. Reprint (Ctrl+P) prints its licence plate, or its routing label once it has an outcome.</source>
        <translation>%1 gefunden. Nachdrucken (Strg+P) druckt das Lizenzschild oder, sobald eine Verwendung feststeht, das Zieletikett.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="184" />
        <source>%1: press Ctrl+P to reprint its label.</source>
        <translation>%1: Strg+P drücken, um das Etikett nachzudrucken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="201" />
        <source>Select a label, or scan a licence plate, to reprint.</source>
        <translation>Wählen Sie ein Etikett oder scannen Sie ein Lizenzschild zum Nachdrucken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="205" />
        <source>Label for %1 printed again.</source>
        <translation>Etikett für %1 erneut gedruckt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="233" />
        <source>%1 label(s) still waiting: fix the printer, then try again.</source>
        <translation>%1 Etikett(en) warten noch: Drucker in Ordnung bringen, dann erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="236" />
        <source>All %1 waiting label(s) printed.</source>
        <translation>Alle %1 wartenden Etikett(en) gedruckt.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/window.py" line="186" />
        <source>Returns Station %1</source>
        <translation>Retourenstation %1</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="190" />
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="191" />
        <source>Scan, or type a code and press Enter (Ctrl+L)</source>
        <translation>Scannen oder Code eintippen und Enter drücken (Strg+L)</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="192" />
        <source>☰ Menu</source>
        <translation>☰ Menü</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="201" />
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="219" />
        <source>open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="264" />
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="309" />
        <source>Someone is already signed in. Sign out first (Ctrl+Shift+Q).</source>
        <translation>Es ist bereits jemand angemeldet. Zuerst abmelden (Strg+Umschalt+Q).</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="345" />
        <source>Station locked after inactivity. Scan your badge to continue.</source>
        <translation>Station nach Inaktivität gesperrt. Ausweis scannen, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="349" />
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="359" />
        <source>Scan your badge to sign in.</source>
        <translation>Ausweis scannen, um sich anzumelden.</translation>
    </message>
    <message>
        <location filename="../../ui/window.py" line="360" />
        <source>Ready: scan anything.</source>
        <translation>Bereit: beliebigen Code scannen.</translation>
    </message>
</context>
<context>
    <name>ReceiveScreen</name>
    <message>
        <location filename="../../ui/screens/receive.py" line="100" />
        <source>Expected lines</source>
        <translation>Erwartete Positionen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="103" />
        <source>Units received</source>
        <translation>Angenommene Einheiten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="105" />
        <source>Exceptions</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="149" />
        <source>Scan the RMA, the return label, the tracking number, the order number or an item to open its return.</source>
        <translation>Scannen Sie RMA, Retourenetikett, Sendungsnummer, Auftragsnummer oder einen Artikel, um seine Retoure zu öffnen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="152" />
        <source>Report a problem with this return</source>
        <translation>Problem mit dieser Retoure melden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="153" />
        <source>What is wrong, in a few words</source>
        <translation>Was nicht stimmt, in wenigen Worten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="154" />
        <source>Save problem</source>
        <translation>Problem speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="155" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="207" />
        <source>Return %1 is open: scan its items.</source>
        <translation>Retoure %1 ist offen: Artikel scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="210" />
        <source>Same scan again: ignored.</source>
        <translation>Gleicher Scan noch einmal: ignoriert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="217" />
        <source>Received %1 as %2. Stick the licence plate on it.</source>
        <translation>%1 als %2 angenommen. Lizenzschild aufkleben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="243" />
        <source>Licence plate not printed: %1</source>
        <translation>Lizenzschild nicht gedruckt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="250" />
        <source>Select a received unit first (arrow keys), then Inspect.</source>
        <translation>Zuerst eine angenommene Einheit wählen (Pfeiltasten), dann Prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="266" />
        <source>Blind receipt opened: scan the parcel's items. Central resolves it later.</source>
        <translation>Annahme ohne Freigabe geöffnet: Artikel des Pakets scannen. Die Zentrale klärt das später.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="279" />
        <source>Recorded: parcel arrived damaged. Photograph it before unpacking.</source>
        <translation>Erfasst: Paket kam beschädigt an. Vor dem Auspacken fotografieren.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="286" />
        <location filename="../../ui/screens/receive.py" line="334" />
        <source>Open a return first: scan its label.</source>
        <translation>Zuerst eine Retoure öffnen: ihr Etikett scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="304" />
        <source>Problem recorded: %1.</source>
        <translation>Problem erfasst: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="322" />
        <source>Return %1 closed; %2 item(s) missing were reported to central.</source>
        <translation>Retoure %1 abgeschlossen; %2 fehlende Artikel wurden an die Zentrale gemeldet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="325" />
        <source>Return %1 closed: complete.</source>
        <translation>Retoure %1 abgeschlossen: vollständig.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="353" />
        <source>Return %1 — %2</source>
        <translation>Retoure %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="356" />
        <source>Order %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="358" />
        <source>Tracking %1</source>
        <translation>Sendung %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="359" />
        <source>Customer tier: %1</source>
        <translation>Kundenstufe: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="361" />
        <source>Blind receipt: no authorization found</source>
        <translation>Annahme ohne Freigabe: keine Retourenfreigabe gefunden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="362" />
        <source>%1 unit(s) received, %2 missing</source>
        <translation>%1 Einheit(en) angenommen, %2 fehlen</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <location filename="../../ui/screens/base.py" line="186" />
        <source>Sign in first: scan your badge.</source>
        <translation>Zuerst anmelden: Ausweis scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="46" />
        <source>Label printed. Put %1 in %2.</source>
        <translation>Etikett gedruckt. %1 nach %2 bringen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="50" />
        <source>Put %1 in %2. The routing label did not print: %3</source>
        <translation>%1 nach %2 bringen. Das Zieletikett wurde nicht gedruckt: %3</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="62" />
        <source>No unit with licence plate %1 on this station.</source>
        <translation>Keine Einheit mit Lizenzschild %1 auf dieser Station.</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens/approvals.py" line="26" />
        <source>Approvals</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <location filename="../../ui/screens/disposition.py" line="64" />
        <source>Disposition</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/history.py" line="35" />
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../ui/screens/inspect.py" line="76" />
        <source>Inspect</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/labels.py" line="36" />
        <source>Labels</source>
        <translation>Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/receive.py" line="61" />
        <source>Receive</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="43" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="21" />
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="30" />
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="140" />
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="141" />
        <source>Central server and enrollment</source>
        <translation>Zentrale und Anmeldung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="142" />
        <source>Language, layout and theme</source>
        <translation>Sprache, Anordnung und Farbschema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;Scanner port</source>
        <translation>&amp;Scanner-Anschluss</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;Printer address</source>
        <translation>&amp;Druckeradresse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="145" />
        <source>&amp;RFID reader address</source>
        <translation>Adresse des &amp;RFID-Lesers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="149" />
        <source>e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0</source>
        <translation>z. B. tcp://10.0.0.20:9100 oder /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="150" />
        <source>e.g. llrp://10.0.0.30:5084</source>
        <translation>z. B. llrp://10.0.0.30:5084</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="151" />
        <source>Test scan</source>
        <translation>Testscan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="152" />
        <source>Test print</source>
        <translation>Testdruck</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>Station &amp;id</source>
        <translation>Stations-&amp;ID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>Central server &amp;URL</source>
        <translation>&amp;URL der Zentrale</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="155" />
        <source>&amp;Enrollment code</source>
        <translation>&amp;Anmeldecode</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="159" />
        <source>Enroll this station</source>
        <translation>Diese Station anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>La&amp;yout</source>
        <translation>An&amp;ordnung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="162" />
        <source>&amp;Lock after (minutes)</source>
        <translation>Sperren &amp;nach (Minuten)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="166" />
        <source>Sound on scans</source>
        <translation>Ton bei Scans</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="169" />
        <source>Automatic (by screen size)</source>
        <translation>Automatisch (nach Bildschirmgröße)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="170" />
        <source>Desktop</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="171" />
        <source>Handheld</source>
        <translation>Handgerät</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="173" />
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="174" />
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="177" />
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="180" />
        <source>Language, layout, theme, lock time and sound apply at once. Device addresses, the central server and the station id apply the next time the station starts.</source>
        <translation>Sprache, Anordnung, Farbschema, Sperrzeit und Ton gelten sofort. Geräteadressen, Zentrale und Stations-ID gelten beim nächsten Start der Station.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="191" />
        <location filename="../../ui/screens/settings.py" line="242" />
        <source>change the station settings</source>
        <translation>die Einstellungen der Station ändern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="216" />
        <source>No devices are managed by this station yet.</source>
        <translation>Diese Station verwaltet noch keine Geräte.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="245" />
        <source>The settings could not be saved (disk full or not writable). Ask IT.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Die IT fragen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="265" />
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="273" />
        <source>No %1 is set up on this station.</source>
        <translation>Auf dieser Station ist kein %1 eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="280" />
        <source>test the station's devices</source>
        <translation>die Geräte der Station testen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="283" />
        <source>Scan any barcode with the scanner now…</source>
        <translation>Jetzt einen beliebigen Barcode mit dem Scanner scannen…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="295" />
        <source>enroll the station</source>
        <translation>die Station anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="298" />
        <source>Sync is not running on this station, so it cannot enroll.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht, daher kann sie sich nicht anmelden.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="62" />
        <source>Station %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="63" />
        <source>&amp;Badge or user name</source>
        <translation>&amp;Ausweis oder Benutzername</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="64" />
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="65" />
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="67" />
        <source>Scan your badge, then type your PIN and press Enter. Forgot your PIN? Ask a supervisor.</source>
        <translation>Ausweis scannen, dann PIN eingeben und Enter drücken. PIN vergessen? Einen Vorgesetzten fragen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="69" />
        <source>Scan your badge</source>
        <translation>Ausweis scannen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="82" />
        <source>Badge read. Type your PIN and press Enter.</source>
        <translation>Ausweis gelesen. PIN eingeben und Enter drücken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="90" />
        <source>Locked after inactivity. %1 was signed in: sign in again to continue.</source>
        <translation>Nach Inaktivität gesperrt. %1 war angemeldet: erneut anmelden, um weiterzumachen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="102" />
        <source>Scan your badge or type your user name first.</source>
        <translation>Zuerst Ausweis scannen oder Benutzernamen eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="106" />
        <source>Type your PIN.</source>
        <translation>PIN eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sign_in.py" line="124" />
        <source>Signed in: %1 (%2)</source>
        <translation>Angemeldet: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="119" />
        <source>Scan</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="120" />
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="121" />
        <source>Print</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="143" />
        <source>%1: none</source>
        <translation>%1: keiner</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="143" />
        <source>Not set up.</source>
        <translation>Nicht eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="159" />
        <source>Central: …</source>
        <translation>Zentrale: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="160" />
        <source>Queue: …</source>
        <translation>Warteschlange: …</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="164" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="164" />
        <source>Central is reachable.</source>
        <translation>Die Zentrale ist erreichbar.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="166" />
        <source>Online (slow)</source>
        <translation>Online (langsam)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="168" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="170" />
        <source>Not enrolled</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="172" />
        <source>Sync off</source>
        <translation>Sync aus</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="174" />
        <source>To sync: %1</source>
        <translation>Zu synchronisieren: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="175" />
        <source>Oldest waiting: %1</source>
        <translation>Älteste wartet seit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="178" />
        <source> · parked: %1</source>
        <translation> · zurückgestellt: %1</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="179" />
        <source>Parked items need a person: open Sync (F7).</source>
        <translation>Zurückgestellte Einträge brauchen einen Menschen: Synchronisierung öffnen (F7).</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="186" />
        <source>Nobody signed in</source>
        <translation>Niemand angemeldet</translation>
    </message>
</context>
<context>
    <name>SupervisorForm</name>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="32" />
        <source>Supervisor</source>
        <translation>Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="33" />
        <source>Supervisor &amp;badge or user</source>
        <translation>&amp;Ausweis oder Benutzer des Vorgesetzten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="34" />
        <source>Supervisor P&amp;IN</source>
        <translation>P&amp;IN des Vorgesetzten</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="35" />
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <location filename="../../ui/screens/supervisor.py" line="36" />
        <source>The supervisor scans their badge</source>
        <translation>Der Vorgesetzte scannt seinen Ausweis</translation>
    </message>
</context>
<context>
    <name>SyncMonitor</name>
    <message>
        <location filename="../../ui/sync_monitor.py" line="25" />
        <source>Sync is not running on this station: changes are kept locally.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht: Änderungen bleiben lokal gespeichert.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="93" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="95" />
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="97" />
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_monitor.py" line="98" />
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../ui/screens/sync.py" line="60" />
        <source>Parked: refused by central, waiting for a person</source>
        <translation>Zurückgestellt: von der Zentrale abgelehnt, warten auf einen Menschen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="84" />
        <source>Waiting to sync</source>
        <translation>Warten auf Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="85" />
        <source>Oldest waiting for</source>
        <translation>Ältester wartet seit</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="86" />
        <source>Last successful sync</source>
        <translation>Letzte erfolgreiche Synchronisierung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="87" />
        <source>Parked</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="91" />
        <source>&amp;Reason (needed to discard)</source>
        <translation>&amp;Grund (zum Verwerfen nötig)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="113" />
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="117" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="118" />
        <source>Online, but slow</source>
        <translation>Online, aber langsam</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="119" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="120" />
        <source>Not enrolled</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="121" />
        <source>Sync not running</source>
        <translation>Synchronisierung läuft nicht</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="130" />
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="132" />
        <source>%1 (holding back %2 more of the same returns)</source>
        <translation>%1 (halten %2 weitere derselben Retouren zurück)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="155" />
        <source>Sync is not running on this station: changes are kept until it is set up.</source>
        <translation>Die Synchronisierung läuft auf dieser Station nicht: Änderungen bleiben erhalten, bis sie eingerichtet ist.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="165" />
        <source>Sync started.</source>
        <translation>Synchronisierung gestartet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="187" />
        <source>Reference data is up to date (%1 item(s) changed).</source>
        <translation>Stammdaten sind aktuell (%1 Eintrag/Einträge geändert).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="209" />
        <source>%1 will be sent again.</source>
        <translation>%1 wird erneut gesendet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="226" />
        <source>%1 discarded: it will never reach central.</source>
        <translation>%1 verworfen: erreicht die Zentrale nie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/sync.py" line="242" />
        <source>Select a parked item first.</source>
        <translation>Zuerst einen zurückgestellten Eintrag wählen.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/words.py" line="23" />
        <source>received</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="24" />
        <source>inspected</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="25" />
        <source>outcome proposed</source>
        <translation>Verwendung vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="26" />
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="27" />
        <source>outcome set</source>
        <translation>Verwendung festgelegt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="28" />
        <source>labelled</source>
        <translation>etikettiert</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="29" />
        <source>on hold</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="30" />
        <location filename="../../ui/words.py" line="49" />
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="31" />
        <source>Restock</source>
        <translation>Wieder einlagern</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="32" />
        <source>Refurbish</source>
        <translation>Aufbereiten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="33" />
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="34" />
        <location filename="../../ui/words.py" line="70" />
        <source>Return to vendor</source>
        <translation>An Lieferanten zurück</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="35" />
        <source>Liquidate</source>
        <translation>Verwerten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="36" />
        <source>Donate</source>
        <translation>Spenden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="37" />
        <source>Recycle</source>
        <translation>Recyceln</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="38" />
        <source>Scrap</source>
        <translation>Verschrotten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="39" />
        <location filename="../../ui/words.py" line="71" />
        <source>Quarantine</source>
        <translation>Quarantäne</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="40" />
        <source>Wrong item</source>
        <translation>Falscher Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="41" />
        <source>Undeclared item</source>
        <translation>Nicht angemeldeter Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="42" />
        <source>Over-receipt</source>
        <translation>Mehrlieferung</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="43" />
        <source>Missing item</source>
        <translation>Fehlender Artikel</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="44" />
        <source>Serial mismatch</source>
        <translation>Seriennummer weicht ab</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="45" />
        <source>Damaged in transit</source>
        <translation>Transportschaden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="46" />
        <source>No authorization</source>
        <translation>Ohne Freigabe</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="47" />
        <source>expected</source>
        <translation>erwartet</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="48" />
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="50" />
        <location filename="../../ui/words.py" line="58" />
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="51" />
        <source>out of labels</source>
        <translation>keine Etiketten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="52" />
        <source>out of ribbon</source>
        <translation>kein Farbband</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="53" />
        <source>lid open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="54" />
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="55" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="56" />
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="57" />
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="59" />
        <source>busy</source>
        <translation>beschäftigt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="60" />
        <source>fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="61" />
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="62" />
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="63" />
        <source>RFID</source>
        <translation>RFID</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="64" />
        <source>Printer</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="65" />
        <source>inspector</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="66" />
        <source>supervisor</source>
        <translation>Vorgesetzter</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="67" />
        <source>admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="68" />
        <source>Licence plate</source>
        <translation>Lizenzschild</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="69" />
        <source>Resale</source>
        <translation>Wiederverkauf</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="75" />
        <source>waiting to print</source>
        <translation>wartet auf Druck</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="76" />
        <source>printed</source>
        <translation>gedruckt</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="80" />
        <source>Keep it apart in the exceptions tote; inspect it like any unit, central decides the refund.</source>
        <translation>In den Behälter für Abweichungen legen; wie jede Einheit prüfen, die Zentrale entscheidet über die Erstattung.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="83" />
        <source>Keep it apart; describe it in a note when you inspect it.</source>
        <translation>Getrennt halten; beim Prüfen in einer Notiz beschreiben.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="86" />
        <source>Check the count; if it is really one more, inspect it as usual.</source>
        <translation>Menge prüfen; ist es wirklich einer mehr, wie gewohnt prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="89" />
        <source>Nothing to do at the bench: central follows up with the customer.</source>
        <translation>Am Arbeitsplatz nichts zu tun: die Zentrale klärt es mit dem Kunden.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="92" />
        <source>Possible fraud: inspect it, then a supervisor must approve its outcome.</source>
        <translation>Möglicher Betrug: prüfen, dann muss ein Vorgesetzter die Verwendung freigeben.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="95" />
        <source>Photograph the parcel before unpacking; carrier claim follows.</source>
        <translation>Paket vor dem Auspacken fotografieren; Reklamation beim Spediteur folgt.</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="98" />
        <source>Receive the items as usual; central matches the parcel to a customer later.</source>
        <translation>Artikel wie gewohnt annehmen; die Zentrale ordnet das Paket später einem Kunden zu.</translation>
    </message>
</context>
</TS>
