<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>CalendarPane</name>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="210" />
      <source>Day</source>
      <extracomment>Entity kinds whose changes the pane reloads on.</extracomment>
      <translation>Ημέρα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="212" />
      <source>Week</source>
      <translation>Εβδομάδα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="219" />
      <source>Today</source>
      <translation>Σήμερα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="220" />
      <source>My week</source>
      <translation>Η εβδομάδα μου</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="221" />
      <source>This week's events you attend and deadlines of your matters</source>
      <translation>Τα γεγονότα της εβδομάδας στα οποία συμμετέχετε και οι προθεσμίες των υποθέσεών σας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="225" />
      <source>Show one attorney's events and deadlines</source>
      <translation>Εμφάνιση γεγονότων και προθεσμιών ενός δικηγόρου</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="229" />
      <source>Filter by matter (number or title)…</source>
      <translation>Φίλτρο κατά υπόθεση (αριθμός ή τίτλος)…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="248" />
      <source>Attorney:</source>
      <translation>Δικηγόρος:</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="251" />
      <source>Matter:</source>
      <translation>Υπόθεση:</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="413" />
      <source>Nothing scheduled this week.</source>
      <translation>Τίποτα προγραμματισμένο αυτή την εβδομάδα.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="414" />
      <source>Nothing scheduled on this day.</source>
      <translation>Τίποτα προγραμματισμένο αυτή την ημέρα.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="423" />
      <source>All attorneys</source>
      <translation>Όλοι οι δικηγόροι</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="429" />
      <source>Me ({name})</source>
      <translation>Εγώ ({name})</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="439" />
      <source>today</source>
      <translation>σήμερα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="442" />
      <source>Week of {start} – {end}</source>
      <translation>Εβδομάδα {start} – {end}</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="455" />
      <source>hearing</source>
      <translation>δικάσιμος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="456" />
      <source>other event</source>
      <translation>άλλο γεγονός</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="508" />
      <source>No single matter matches “{text}”.</source>
      <translation>Καμία μεμονωμένη υπόθεση δεν ταιριάζει με «{text}».</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="535" />
      <source>Open event</source>
      <translation>Άνοιγμα γεγονότος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="535" />
      <source>Open deadline</source>
      <translation>Άνοιγμα προθεσμίας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/calendar_pane.py" line="539" />
      <source>Open matter {number}</source>
      <translation>Άνοιγμα υπόθεσης {number}</translation>
    </message>
  </context>
  <context>
    <name>ClientDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="189" />
      <source>Edit contact: %1</source>
      <extracomment>core field name → object name of the widget it belongs to</extracomment>
      <translation>Επεξεργασία επαφής: %1</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="200" />
      <source>New client</source>
      <translation>Νέος πελάτης</translation>
    </message>
  </context>
  <context>
    <name>ClientForm</name>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="6" />
      <source>Client</source>
      <translation>Πελάτης</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="8" />
      <source>&amp;Name:</source>
      <translation>&amp;Όνομα:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="10" />
      <source>&amp;Kind:</source>
      <translation>&amp;Είδος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="12" />
      <source>This contact is a &amp;client of the firm</source>
      <translation>Η επαφή είναι &amp;πελάτης του γραφείου</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="13" />
      <source>&amp;E-mail addresses:</source>
      <translation>Διευθύνσεις &amp;e-mail:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="14" />
      <location filename="../../work/main/forms/client_form.ui" line="16" />
      <location filename="../../work/main/forms/client_form.ui" line="18" />
      <source>one per line</source>
      <translation>ένα ανά γραμμή</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="15" />
      <source>&amp;Phone numbers:</source>
      <translation>&amp;Τηλέφωνα:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="17" />
      <source>&amp;Addresses:</source>
      <translation>&amp;Διευθύνσεις:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="19" />
      <source>&amp;Salutation:</source>
      <translation>&amp;Προσφώνηση:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="20" />
      <source>e.g. Dear Ms Papadopoulou</source>
      <translation>π.χ. Αγαπητή κυρία Παπαδοπούλου</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="21" />
      <source>&amp;Language:</source>
      <translation>&amp;Γλώσσα:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="22" />
      <source>e.g. el, en</source>
      <translation>π.χ. el, en</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/client_form.ui" line="23" />
      <source>N&amp;otes:</source>
      <translation>Σ&amp;ημειώσεις:</translation>
    </message>
  </context>
  <context>
    <name>DeadlineDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="425" />
      <source>That deadline no longer exists.</source>
      <translation>Η προθεσμία αυτή δεν υπάρχει πια.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="434" />
      <source>Edit deadline</source>
      <translation>Επεξεργασία προθεσμίας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="436" />
      <source>New deadline</source>
      <translation>Νέα προθεσμία</translation>
    </message>
  </context>
  <context>
    <name>DeadlineForm</name>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="6" />
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="8" />
      <source>&amp;Title:</source>
      <translation>&amp;Τίτλος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="10" />
      <source>&amp;Due:</source>
      <translation>&amp;Προθεσμία:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="12" />
      <source>&amp;Reminders (days before):</source>
      <translation>&amp;Υπενθυμίσεις (ημέρες πριν):</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="13" />
      <source>e.g. 7, 1</source>
      <translation>π.χ. 7, 1</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="14" />
      <source>R&amp;ule:</source>
      <translation>Κα&amp;νόνας:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="15" />
      <source>e.g. FRCP 12(a)(1)(A)(i)</source>
      <translation>π.χ. ΚΠολΔ 237 παρ. 1</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="16" />
      <source>&amp;Assignee:</source>
      <translation>&amp;Ανατέθηκε σε:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/deadline_form.ui" line="18" />
      <source>N&amp;otes:</source>
      <translation>Σ&amp;ημειώσεις:</translation>
    </message>
  </context>
  <context>
    <name>EventDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="349" />
      <source>That event no longer exists.</source>
      <translation>Το γεγονός αυτό δεν υπάρχει πια.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="362" />
      <source>Edit event</source>
      <translation>Επεξεργασία γεγονότος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="364" />
      <source>New event</source>
      <translation>Νέο γεγονός</translation>
    </message>
  </context>
  <context>
    <name>EventForm</name>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="6" />
      <source>Event</source>
      <translation>Γεγονός</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="8" />
      <source>&amp;Title:</source>
      <translation>&amp;Τίτλος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="10" />
      <source>&amp;Kind:</source>
      <translation>&amp;Είδος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="12" />
      <source>&amp;All-day event</source>
      <translation>&amp;Ολοήμερο γεγονός</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="13" />
      <source>&amp;Starts:</source>
      <translation>Έ&amp;ναρξη:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="15" />
      <source>&amp;Ends:</source>
      <translation>&amp;Λήξη:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="17" />
      <source>&amp;Location:</source>
      <translation>&amp;Τοποθεσία:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="19" />
      <source>Atte&amp;ndees:</source>
      <translation>Συμμε&amp;τέχοντες:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/event_form.ui" line="21" />
      <source>N&amp;otes:</source>
      <translation>Σ&amp;ημειώσεις:</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="65" />
      <source>casedesk is locked</source>
      <translation>Το casedesk είναι κλειδωμένο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="66" />
      <source>The case file %1 was locked after a period of inactivity. Enter your password to continue where you left off.</source>
      <translation>Το αρχείο υποθέσεων %1 κλειδώθηκε μετά από ένα διάστημα αδράνειας. Εισαγάγετε τον κωδικό σας για να συνεχίσετε από εκεί που σταματήσατε.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="68" />
      <source>Quit</source>
      <translation>Έξοδος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="70" />
      <source>Log in to casedesk</source>
      <translation>Σύνδεση στο casedesk</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="71" />
      <source>Case file: %1</source>
      <translation>Αρχείο υποθέσεων: %1</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="72" />
      <source>Cancel</source>
      <translation>Ακύρωση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="79" />
      <source>Log in (%1)</source>
      <translation>Σύνδεση (%1)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="81" />
      <source>Unlock</source>
      <translation>Ξεκλείδωμα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="82" />
      <source>Log in</source>
      <translation>Σύνδεση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="89" />
      <source>Enter your user name.</source>
      <translation>Εισαγάγετε το όνομα χρήστη σας.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="113" />
      <source>Wrong user name or password. Try again in %1 seconds.</source>
      <translation>Λάθος όνομα χρήστη ή κωδικός. Δοκιμάστε ξανά σε %1 δευτερόλεπτα.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/login.py" line="119" />
      <source>Wrong user name or password.</source>
      <translation>Λάθος όνομα χρήστη ή κωδικός.</translation>
    </message>
  </context>
  <context>
    <name>LoginForm</name>
    <message>
      <location filename="../../work/main/forms/login_form.ui" line="6" />
      <location filename="../../work/main/forms/login_form.ui" line="17" />
      <source>Log in</source>
      <translation>Σύνδεση</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/login_form.ui" line="8" />
      <source>Case file</source>
      <translation>Αρχείο υποθέσεων</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/login_form.ui" line="9" />
      <source>&amp;User name:</source>
      <translation>Όνομα &amp;χρήστη:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/login_form.ui" line="11" />
      <source>&amp;Password:</source>
      <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/login_form.ui" line="16" />
      <source>Cancel</source>
      <translation>Ακύρωση</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="143" />
      <source>Clients</source>
      <translation>Πελάτες</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="143" />
      <source>Matters</source>
      <translation>Υποθέσεις</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="143" />
      <source>Documents</source>
      <translation>Έγγραφα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="144" />
      <location filename="../../work/main/casedesk/gui/main_window.py" line="148" />
      <source>Calendar</source>
      <translation>Ημερολόγιο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="144" />
      <source>Tasks</source>
      <translation>Εργασίες</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="149" />
      <source>%1 — casedesk</source>
      <translation>%1 — casedesk</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="150" />
      <source>&amp;File</source>
      <translation>&amp;Αρχείο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="151" />
      <source>&amp;New</source>
      <translation>&amp;Νέο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="152" />
      <source>Search…  (Ctrl+K)</source>
      <translation>Αναζήτηση…  (Ctrl+K)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="153" />
      <source>Open another case file…</source>
      <translation>Άνοιγμα άλλου αρχείου υποθέσεων…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="154" />
      <source>Lock now</source>
      <translation>Κλείδωμα τώρα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="155" />
      <source>Settings…</source>
      <translation>Ρυθμίσεις…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="156" />
      <source>Quit</source>
      <translation>Έξοδος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="157" />
      <source>Client…</source>
      <translation>Πελάτης…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="158" />
      <source>Matter…</source>
      <translation>Υπόθεση…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="159" />
      <source>Task…</source>
      <translation>Εργασία…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="160" />
      <source>casedesk is locked.</source>
      <translation>Το casedesk είναι κλειδωμένο.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="165" />
      <source>Locked</source>
      <translation>Κλειδωμένο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="172" />
      <source>Logged in: %1 (%2)</source>
      <translation>Συνδεδεμένος: %1 (%2)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="174" />
      <source>Case file: %1</source>
      <translation>Αρχείο υποθέσεων: %1</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="175" />
      <source>Sync: not set up</source>
      <translation>Συγχρονισμός: δεν έχει ρυθμιστεί</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/main_window.py" line="241" />
      <source>Search is not available yet.</source>
      <translation>Η αναζήτηση δεν είναι ακόμη διαθέσιμη.</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>Διαχειριστής</translation>
    </message>
    <message>
      <source>Attorney</source>
      <translation>Δικηγόρος</translation>
    </message>
    <message>
      <source>Case manager</source>
      <translation>Διαχειριστής υποθέσεων</translation>
    </message>
    <message>
      <source>Assistant</source>
      <translation>Βοηθός</translation>
    </message>
    <message>
      <source>Read-only</source>
      <translation>Μόνο ανάγνωση</translation>
    </message>
  </context>
  <context>
    <name>MatterDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="239" />
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="251" />
      <source>(choose a client)</source>
      <translation>(επιλέξτε πελάτη)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="247" />
      <source>Edit matter %1</source>
      <translation>Επεξεργασία υπόθεσης %1</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="261" />
      <source>New matter</source>
      <translation>Νέα υπόθεση</translation>
    </message>
  </context>
  <context>
    <name>MatterForm</name>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="6" />
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="8" />
      <source>N&amp;umber:</source>
      <translation>Α&amp;ριθμός:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="9" />
      <source>automatic (YYYY-NNNN)</source>
      <translation>αυτόματα (ΕΕΕΕ-ΝΝΝΝ)</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="10" />
      <source>&amp;Title:</source>
      <translation>&amp;Τίτλος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="12" />
      <source>C&amp;lient:</source>
      <translation>Πε&amp;λάτης:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="14" />
      <source>&amp;Practice area:</source>
      <translation>&amp;Τομέας δικαίου:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="16" />
      <source>C&amp;ourt:</source>
      <translation>Δι&amp;καστήριο:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="18" />
      <source>Case n&amp;umber:</source>
      <translation>Αριθμός &amp;κατάθεσης:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="20" />
      <source>&amp;Judge:</source>
      <translation>&amp;Δικαστής:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="22" />
      <source>&amp;Responsible attorney:</source>
      <translation>&amp;Υπεύθυνος δικηγόρος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="24" />
      <source>Case &amp;manager:</source>
      <translation>&amp;Διαχειριστής υπόθεσης:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/matter_form.ui" line="26" />
      <source>&amp;Description:</source>
      <translation>&amp;Περιγραφή:</translation>
    </message>
  </context>
  <context>
    <name>NewFirmDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="136" />
      <source>Create a new firm file</source>
      <translation>Δημιουργία νέου αρχείου γραφείου</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="156" />
      <source>New case file</source>
      <translation>Νέο αρχείο υποθέσεων</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="157" />
      <source>Case files (*.casedesk)</source>
      <translation>Αρχεία υποθέσεων (*.casedesk)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="164" />
      <source>The two passwords differ.</source>
      <translation>Οι δύο κωδικοί διαφέρουν.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="172" />
      <source>Creating the case file…</source>
      <translation>Δημιουργία του αρχείου υποθέσεων…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="179" />
      <source>Recovery key</source>
      <translation>Κλειδί ανάκτησης</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="180" />
      <source>Write down this recovery key and keep it in a safe place. It is shown only once and opens the case file if every password is lost:

%1</source>
      <translation>Σημειώστε αυτό το κλειδί ανάκτησης και φυλάξτε το σε ασφαλές μέρος. Εμφανίζεται μόνο μία φορά και ανοίγει το αρχείο υποθέσεων αν χαθούν όλοι οι κωδικοί:

%1</translation>
    </message>
  </context>
  <context>
    <name>NewFirmForm</name>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="6" />
      <source>New firm file</source>
      <translation>Νέο αρχείο γραφείου</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="8" />
      <source>&amp;Firm name:</source>
      <translation>Επωνυμία &amp;γραφείου:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="10" />
      <source>&amp;Time zone:</source>
      <translation>&amp;Ζώνη ώρας:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="12" />
      <source>&amp;Case file:</source>
      <translation>&amp;Αρχείο υποθέσεων:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="15" />
      <source>Browse…</source>
      <translation>Αναζήτηση…</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="17" />
      <source>&amp;Administrator user name:</source>
      <translation>Όνομα χρήστη &amp;διαχειριστή:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="19" />
      <source>&amp;Password:</source>
      <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/new_firm_form.ui" line="21" />
      <source>Con&amp;firm password:</source>
      <translation>Επι&amp;βεβαίωση κωδικού:</translation>
    </message>
  </context>
  <context>
    <name>NoteDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="516" />
      <source>Edit note</source>
      <translation>Επεξεργασία σημείωσης</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="518" />
      <source>New note</source>
      <translation>Νέα σημείωση</translation>
    </message>
  </context>
  <context>
    <name>NoteForm</name>
    <message>
      <location filename="../../work/main/forms/note_form.ui" line="6" />
      <source>Note</source>
      <translation>Σημείωση</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/note_form.ui" line="8" />
      <source>Write the note here</source>
      <translation>Γράψτε τη σημείωση εδώ</translation>
    </message>
  </context>
  <context>
    <name>PartyDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="296" />
      <source>(choose a contact)</source>
      <translation>(επιλέξτε επαφή)</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="300" />
      <source>Change the role of %1</source>
      <translation>Αλλαγή ρόλου για %1</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="302" />
      <source>Add a party</source>
      <translation>Προσθήκη διαδίκου</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="311" />
      <source>Choose the contact to add.</source>
      <translation>Επιλέξτε την επαφή που θα προστεθεί.</translation>
    </message>
  </context>
  <context>
    <name>PartyForm</name>
    <message>
      <location filename="../../work/main/forms/party_form.ui" line="6" />
      <source>Party</source>
      <translation>Διάδικος</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/party_form.ui" line="8" />
      <source>&amp;Contact:</source>
      <translation>&amp;Επαφή:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/party_form.ui" line="10" />
      <source>&amp;Role:</source>
      <translation>&amp;Ρόλος:</translation>
    </message>
  </context>
  <context>
    <name>SearchPopup</name>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="210" />
      <source>Search</source>
      <extracomment>Pause after the last keystroke before searching. Queries shorter than this (letters and digits, after folding) are not run: a single character can only match one-letter words, which is noise (see benchmarks/bench_search.py). Hits shown.</extracomment>
      <translation>Αναζήτηση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="220" />
      <source>Search clients, matters, case numbers, parties, correspondence…</source>
      <translation>Αναζήτηση πελατών, υποθέσεων, αριθμών κατάθεσης, διαδίκων, αλληλογραφίας…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="339" />
      <source>Type a name, a matter or case number, or words from a letter.</source>
      <translation>Πληκτρολογήστε ένα όνομα, αριθμό υπόθεσης ή κατάθεσης, ή λέξεις από μια επιστολή.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="341" />
      <source>Type at least {n} letters or digits.</source>
      <translation>Πληκτρολογήστε τουλάχιστον {n} γράμματα ή ψηφία.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="343" />
      <source>No matches.</source>
      <translation>Κανένα αποτέλεσμα.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="345" />
      <source>The first {n} matches — type more to narrow them.</source>
      <translation>Τα πρώτα {n} αποτελέσματα — πληκτρολογήστε περισσότερα για να τα περιορίσετε.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="347" />
      <source>1 match</source>
      <translation>1 αποτέλεσμα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="347" />
      <source>{n} matches</source>
      <translation>{n} αποτελέσματα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/search_popup.py" line="348" />
      <source>↑↓ to move, Enter to open, Esc to close</source>
      <translation>↑↓ για μετακίνηση, Enter για άνοιγμα, Esc για κλείσιμο</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/settings_dialog.py" line="19" />
      <source>Settings</source>
      <translation>Ρυθμίσεις</translation>
    </message>
  </context>
  <context>
    <name>SettingsForm</name>
    <message>
      <location filename="../../work/main/forms/settings_form.ui" line="6" />
      <source>Settings</source>
      <translation>Ρυθμίσεις</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/settings_form.ui" line="8" />
      <source>&amp;Language:</source>
      <translation>&amp;Γλώσσα:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/settings_form.ui" line="10" />
      <source>&amp;Lock after idle:</source>
      <translation>&amp;Κλείδωμα μετά από αδράνεια:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/settings_form.ui" line="11" />
      <source> min</source>
      <translation> λεπ.</translation>
    </message>
  </context>
  <context>
    <name>StartScreen</name>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="88" />
      <source>Welcome to casedesk</source>
      <translation>Καλώς ήρθατε στο casedesk</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="89" />
      <source>Recent case files:</source>
      <translation>Πρόσφατα αρχεία υποθέσεων:</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="90" />
      <source>Open</source>
      <translation>Ανοιχτή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="91" />
      <source>Open a file…</source>
      <translation>Άνοιγμα αρχείου…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="92" />
      <source>Create a new firm file…</source>
      <translation>Δημιουργία νέου αρχείου γραφείου…</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="101" />
      <source>This file no longer exists.</source>
      <translation>Το αρχείο αυτό δεν υπάρχει πια.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="115" />
      <source>Open a case file</source>
      <translation>Άνοιγμα αρχείου υποθέσεων</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/start_screen.py" line="116" />
      <source>Case files (*.casedesk)</source>
      <translation>Αρχεία υποθέσεων (*.casedesk)</translation>
    </message>
  </context>
  <context>
    <name>TaskDialog</name>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="478" />
      <source>That task no longer exists.</source>
      <translation>Η εργασία αυτή δεν υπάρχει πια.</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="488" />
      <source>Edit task</source>
      <translation>Επεξεργασία εργασίας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/dialogs.py" line="491" />
      <source>New task</source>
      <translation>Νέα εργασία</translation>
    </message>
  </context>
  <context>
    <name>TaskForm</name>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="6" />
      <source>Task</source>
      <translation>Εργασία</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="8" />
      <source>&amp;Title:</source>
      <translation>&amp;Τίτλος:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="10" />
      <source>&amp;Assignee:</source>
      <translation>&amp;Ανατέθηκε σε:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="12" />
      <source>&amp;Has a due date</source>
      <translation>&amp;Έχει ημερομηνία λήξης</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="13" />
      <source>&amp;Due:</source>
      <translation>&amp;Προθεσμία:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="15" />
      <source>&amp;Status:</source>
      <translation>&amp;Κατάσταση:</translation>
    </message>
    <message>
      <location filename="../../work/main/forms/task_form.ui" line="17" />
      <source>&amp;Description:</source>
      <translation>&amp;Περιγραφή:</translation>
    </message>
  </context>
  <context>
    <name>ThreadRunner</name>
    <message>
      <location filename="../../work/main/casedesk/gui/tasks.py" line="136" />
      <source>Cancel</source>
      <translation>Ακύρωση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/tasks.py" line="137" />
      <source>Please wait</source>
      <translation>Παρακαλώ περιμένετε</translation>
    </message>
  </context>
  <context>
    <name>labels</name>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="9" />
      <source>Intake</source>
      <translation>Παραλαβή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="10" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="36" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="41" />
      <source>Open</source>
      <translation>Ανοιχτή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="11" />
      <source>Pending</source>
      <translation>Σε αναμονή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="12" />
      <source>Closed</source>
      <translation>Κλειστή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="13" />
      <source>Archived</source>
      <translation>Αρχειοθετημένη</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="16" />
      <source>Person</source>
      <translation>Φυσικό πρόσωπο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="17" />
      <source>Organisation</source>
      <translation>Νομικό πρόσωπο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="20" />
      <source>Client</source>
      <translation>Πελάτης</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="21" />
      <source>Opposing party</source>
      <translation>Αντίδικος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="22" />
      <source>Opposing counsel</source>
      <translation>Αντίδικος συνήγορος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="23" />
      <source>Witness</source>
      <translation>Μάρτυρας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="24" />
      <source>Expert</source>
      <translation>Πραγματογνώμονας</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="25" />
      <source>Co-counsel</source>
      <translation>Συνήγορος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="26" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="33" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="56" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="80" />
      <source>Other</source>
      <translation>Άλλο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="29" />
      <source>Hearing</source>
      <translation>Δικάσιμος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="30" />
      <source>Deposition</source>
      <translation>Κατάθεση μάρτυρα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="31" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="67" />
      <source>Meeting</source>
      <translation>Σύσκεψη</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="32" />
      <source>Filing</source>
      <translation>Κατάθεση δικογράφου</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="37" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="43" />
      <source>Done</source>
      <translation>Ολοκληρώθηκε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="38" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="44" />
      <source>Cancelled</source>
      <translation>Ακυρώθηκε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="42" />
      <source>In progress</source>
      <translation>Σε εξέλιξη</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="47" />
      <source>Pleading</source>
      <translation>Δικόγραφο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="48" />
      <source>Motion</source>
      <translation>Αίτηση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="49" />
      <source>Memorandum</source>
      <translation>Σημείωμα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="50" />
      <source>Brief</source>
      <translation>Υπόμνημα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="51" />
      <location filename="../../work/main/casedesk/gui/labels.py" line="97" />
      <source>Correspondence</source>
      <translation>Αλληλογραφία</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="52" />
      <source>Evidence</source>
      <translation>Αποδείξεις</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="53" />
      <source>Discovery</source>
      <translation>Αποδεικτικά</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="54" />
      <source>Contract</source>
      <translation>Σύμβαση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="55" />
      <source>Court order</source>
      <translation>Δικαστική απόφαση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="59" />
      <source>Incoming</source>
      <translation>Εισερχόμενη</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="60" />
      <source>Outgoing</source>
      <translation>Εξερχόμενη</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="61" />
      <source>Internal</source>
      <translation>Εσωτερική</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="64" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="65" />
      <source>Letter</source>
      <translation>Επιστολή</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="66" />
      <source>Phone</source>
      <translation>Τηλέφωνο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="70" />
      <source>Litigation</source>
      <translation>Αντιδικία</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="71" />
      <source>Family</source>
      <translation>Οικογενειακό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="72" />
      <source>Employment</source>
      <translation>Εργατικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="73" />
      <source>Real estate</source>
      <translation>Ακίνητα</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="74" />
      <source>Commercial</source>
      <translation>Εμπορικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="75" />
      <source>Criminal</source>
      <translation>Ποινικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="76" />
      <source>Immigration</source>
      <translation>Μεταναστευτικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="77" />
      <source>Personal injury</source>
      <translation>Αποζημιώσεις</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="78" />
      <source>Estates</source>
      <translation>Κληρονομικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="79" />
      <source>Corporate</source>
      <translation>Εταιρικό</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="83" />
      <source>created</source>
      <translation>δημιουργήθηκε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="84" />
      <source>changed</source>
      <translation>άλλαξε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="85" />
      <source>deleted</source>
      <translation>διαγράφηκε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="86" />
      <source>opened</source>
      <translation>άνοιξε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="87" />
      <source>noted</source>
      <translation>σημειώθηκε</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="90" />
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="91" />
      <source>Party</source>
      <translation>Διάδικος</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="92" />
      <source>Event</source>
      <translation>Γεγονός</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="93" />
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="94" />
      <source>Task</source>
      <translation>Εργασία</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="95" />
      <source>Note</source>
      <translation>Σημείωση</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="96" />
      <source>Document</source>
      <translation>Έγγραφο</translation>
    </message>
    <message>
      <location filename="../../work/main/casedesk/gui/labels.py" line="98" />
      <source>Contact</source>
      <translation>Επαφή</translation>
    </message>
  </context>
  <context>
    <name>columns</name>
    <message>
      <source>Name</source>
      <translation>Όνομα</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Είδος</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Τηλέφωνο</translation>
    </message>
    <message>
      <source>Matters</source>
      <translation>Υποθέσεις</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Αριθμός</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Τίτλος</translation>
    </message>
    <message>
      <source>Client</source>
      <translation>Πελάτης</translation>
    </message>
    <message>
      <source>Practice area</source>
      <translation>Τομέας δικαίου</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Κατάσταση</translation>
    </message>
    <message>
      <source>Responsible</source>
      <translation>Υπεύθυνος</translation>
    </message>
    <message>
      <source>Court</source>
      <translation>Δικαστήριο</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Κατηγορία</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Ημερομηνία</translation>
    </message>
    <message>
      <source>Author</source>
      <translation>Συντάκτης</translation>
    </message>
    <message>
      <source>Versions</source>
      <translation>Εκδόσεις</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Αρχείο</translation>
    </message>
    <message>
      <source>Assignee</source>
      <translation>Ανατέθηκε σε</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Ρόλος</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Πότε</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>Κατεύθυνση</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>Μέσο</translation>
    </message>
    <message>
      <source>With</source>
      <translation>Με</translation>
    </message>
    <message>
      <source>Subject</source>
      <translation>Θέμα</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>Τοποθεσία</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Κανόνας</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Σημείωση</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Ποιος</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Τι</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Πεδίο</translation>
    </message>
    <message>
      <source>Old → new</source>
      <translation>Παλιό → νέο</translation>
    </message>
  </context>
  <context>
    <name>ListPane</name>
    <message>
      <source>Filter…</source>
      <translation>Φίλτρο…</translation>
    </message>
    <message>
      <source>New client…</source>
      <translation>Νέος πελάτης…</translation>
    </message>
    <message>
      <source>New matter…</source>
      <translation>Νέα υπόθεση…</translation>
    </message>
    <message>
      <source>New task…</source>
      <translation>Νέα εργασία…</translation>
    </message>
    <message>
      <source>Active matters</source>
      <translation>Ενεργές υποθέσεις</translation>
    </message>
    <message>
      <source>All matters</source>
      <translation>Όλες οι υποθέσεις</translation>
    </message>
  </context>
  <context>
    <name>MatterWorkspace</name>
    <message>
      <source>Client:</source>
      <translation>Πελάτης:</translation>
    </message>
    <message>
      <source>Status:</source>
      <translation>Κατάσταση:</translation>
    </message>
    <message>
      <source>Practice area:</source>
      <translation>Τομέας δικαίου:</translation>
    </message>
    <message>
      <source>Court:</source>
      <translation>Δικαστήριο:</translation>
    </message>
    <message>
      <source>Case number:</source>
      <translation>Αριθμός κατάθεσης:</translation>
    </message>
    <message>
      <source>Judge:</source>
      <translation>Δικαστής:</translation>
    </message>
    <message>
      <source>Responsible attorney:</source>
      <translation>Υπεύθυνος δικηγόρος:</translation>
    </message>
    <message>
      <source>Case manager:</source>
      <translation>Διαχειριστής υπόθεσης:</translation>
    </message>
    <message>
      <source>Opened:</source>
      <translation>Άνοιξε:</translation>
    </message>
    <message>
      <source>Description:</source>
      <translation>Περιγραφή:</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>Επισκόπηση</translation>
    </message>
    <message>
      <source>Parties</source>
      <translation>Διάδικοι</translation>
    </message>
    <message>
      <source>Documents</source>
      <translation>Έγγραφα</translation>
    </message>
    <message>
      <source>Correspondence</source>
      <translation>Αλληλογραφία</translation>
    </message>
    <message>
      <source>Events and deadlines</source>
      <translation>Γεγονότα και προθεσμίες</translation>
    </message>
    <message>
      <source>Tasks</source>
      <translation>Εργασίες</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Σημειώσεις</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Ιστορικό</translation>
    </message>
    <message>
      <source>Add party…</source>
      <translation>Προσθήκη διαδίκου…</translation>
    </message>
    <message>
      <source>Change role…</source>
      <translation>Αλλαγή ρόλου…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Αφαίρεση</translation>
    </message>
    <message>
      <source>New event…</source>
      <translation>Νέο γεγονός…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>Επεξεργασία…</translation>
    </message>
    <message>
      <source>New deadline…</source>
      <translation>Νέα προθεσμία…</translation>
    </message>
    <message>
      <source>Mark done / re-open</source>
      <translation>Ολοκλήρωση / επαναφορά</translation>
    </message>
    <message>
      <source>New task…</source>
      <translation>Νέα εργασία…</translation>
    </message>
    <message>
      <source>New note…</source>
      <translation>Νέα σημείωση…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Διαγραφή</translation>
    </message>
    <message>
      <source>Events</source>
      <translation>Γεγονότα</translation>
    </message>
    <message>
      <source>Deadlines</source>
      <translation>Προθεσμίες</translation>
    </message>
    <message>
      <source>Move to:</source>
      <translation>Μετάβαση σε:</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>Αλλαγή κατάστασης</translation>
    </message>
    <message>
      <source>Edit matter…</source>
      <translation>Επεξεργασία υπόθεσης…</translation>
    </message>
    <message>
      <source>Remove party</source>
      <translation>Αφαίρεση διαδίκου</translation>
    </message>
    <message>
      <source>Remove %1 from this matter?</source>
      <translation>Να αφαιρεθεί ο/η %1 από την υπόθεση;</translation>
    </message>
    <message>
      <source>Delete note</source>
      <translation>Διαγραφή σημείωσης</translation>
    </message>
    <message>
      <source>Delete this note?</source>
      <translation>Να διαγραφεί η σημείωση;</translation>
    </message>
  </context>
  <context>
    <name>values</name>
    <message>
      <source>yes</source>
      <translation>ναι</translation>
    </message>
    <message>
      <source>no</source>
      <translation>όχι</translation>
    </message>
  </context>
  <context>
    <name>errors</name>
    <message>
      <source>casedesk</source>
      <translation>casedesk</translation>
    </message>
    <message>
      <source>Unexpected error</source>
      <translation>Απρόσμενο σφάλμα</translation>
    </message>
    <message>
      <source>casedesk ran into a problem it did not expect. Your saved work is safe. Please send the details below to your administrator.</source>
      <translation>Το casedesk αντιμετώπισε ένα απρόσμενο πρόβλημα. Η αποθηκευμένη εργασία σας είναι ασφαλής. Στείλτε τις παρακάτω λεπτομέρειες στον διαχειριστή σας.</translation>
    </message>
  </context>
</TS>