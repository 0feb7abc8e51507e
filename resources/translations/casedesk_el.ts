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
    <message>
      <source>Version</source>
      <translation>Έκδοση</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Μέγεθος</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Λεπτομέρειες</translation>
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
    <message>
      <source>Timeline</source>
      <translation>Χρονολόγιο</translation>
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
  <context>
    <name>documents</name>
    <message>
      <source>Edited copies found</source>
      <translation>Βρέθηκαν επεξεργασμένα αντίγραφα</translation>
    </message>
    <message>
      <source>Keep as new versions</source>
      <translation>Διατήρηση ως νέες εκδόσεις</translation>
    </message>
    <message>
      <source>Discard the changes</source>
      <translation>Απόρριψη των αλλαγών</translation>
    </message>
    <message>
      <source>Decide later</source>
      <translation>Απόφαση αργότερα</translation>
    </message>
    <message>
      <source>Finished editing; the working copy was removed.</source>
      <translation>Η επεξεργασία ολοκληρώθηκε· το αντίγραφο εργασίας διαγράφηκε.</translation>
    </message>
    <message>
      <source>casedesk stopped while these documents were open, and they were changed after they were last stored:

%1

Keep the changes as new versions?</source>
      <translation>Το casedesk σταμάτησε ενώ αυτά τα έγγραφα ήταν ανοιχτά, και άλλαξαν μετά την τελευταία αποθήκευσή τους:

%1

Να διατηρηθούν οι αλλαγές ως νέες εκδόσεις;</translation>
    </message>
    <message>
      <source>Opened %1. Save it in Word: each save is stored as a new version.</source>
      <translation>Άνοιξε το %1. Αποθηκεύστε το στο Word: κάθε αποθήκευση καταχωρίζεται ως νέα έκδοση.</translation>
    </message>
    <message>
      <source>Saved as version %1 (%2).</source>
      <translation>Αποθηκεύτηκε ως έκδοση %1 (%2).</translation>
    </message>
    <message>
      <source>No application could open %1; it is at %2.</source>
      <translation>Καμία εφαρμογή δεν μπόρεσε να ανοίξει το %1· βρίσκεται στο %2.</translation>
    </message>
    <message>
      <source>Title:</source>
      <translation>Τίτλος:</translation>
    </message>
    <message>
      <source>Category:</source>
      <translation>Κατηγορία:</translation>
    </message>
    <message>
      <source>Dated</source>
      <translation>Με ημερομηνία</translation>
    </message>
    <message>
      <source>Date:</source>
      <translation>Ημερομηνία:</translation>
    </message>
    <message>
      <source>Author:</source>
      <translation>Συντάκτης:</translation>
    </message>
    <message>
      <source>Tags:</source>
      <translation>Ετικέτες:</translation>
    </message>
    <message>
      <source>comma-separated, e.g. signed, final</source>
      <translation>χωρισμένες με κόμμα, π.χ. υπογεγραμμένο, τελικό</translation>
    </message>
    <message>
      <source>Save a copy…</source>
      <translation>Αποθήκευση αντιγράφου…</translation>
    </message>
    <message>
      <source>Add new version…</source>
      <translation>Προσθήκη νέας έκδοσης…</translation>
    </message>
    <message>
      <source>Save a copy</source>
      <translation>Αποθήκευση αντιγράφου</translation>
    </message>
    <message>
      <source>Add new version</source>
      <translation>Προσθήκη νέας έκδοσης</translation>
    </message>
    <message>
      <source>Log correspondence</source>
      <translation>Καταχώριση αλληλογραφίας</translation>
    </message>
    <message>
      <source>Direction:</source>
      <translation>Κατεύθυνση:</translation>
    </message>
    <message>
      <source>Kind:</source>
      <translation>Είδος:</translation>
    </message>
    <message>
      <source>Date and time:</source>
      <translation>Ημερομηνία και ώρα:</translation>
    </message>
    <message>
      <source>With whom:</source>
      <translation>Με ποιον:</translation>
    </message>
    <message>
      <source>Subject:</source>
      <translation>Θέμα:</translation>
    </message>
    <message>
      <source>Notes / text:</source>
      <translation>Σημειώσεις / κείμενο:</translation>
    </message>
    <message>
      <source>Add documents</source>
      <translation>Προσθήκη εγγράφων</translation>
    </message>
    <message>
      <source>%n document(s) added</source>
      <translation>Προστέθηκαν %n έγγραφα</translation>
    </message>
    <message>
      <source>%n e-mail(s) imported</source>
      <translation>Εισήχθησαν %n e-mail</translation>
    </message>
    <message>
      <source>taken from each file name</source>
      <translation>από το όνομα κάθε αρχείου</translation>
    </message>
    <message>
      <source>Versions: %1</source>
      <translation>Εκδόσεις: %1</translation>
    </message>
    <message>
      <source>Stored as version %1.</source>
      <translation>Αποθηκεύτηκε ως έκδοση %1.</translation>
    </message>
    <message>
      <source>Document details: %1</source>
      <translation>Στοιχεία εγγράφου: %1</translation>
    </message>
    <message>
      <source>Files: %1</source>
      <translation>Αρχεία: %1</translation>
    </message>
    <message>
      <source>Version %1 saved to %2.</source>
      <translation>Η έκδοση %1 αποθηκεύτηκε στο %2.</translation>
    </message>
    <message>
      <source>Add files…</source>
      <translation>Προσθήκη αρχείων…</translation>
    </message>
    <message>
      <source>Details…</source>
      <translation>Στοιχεία…</translation>
    </message>
    <message>
      <source>Versions…</source>
      <translation>Εκδόσεις…</translation>
    </message>
    <message>
      <source>Open in Word</source>
      <translation>Άνοιγμα στο Word</translation>
    </message>
    <message>
      <source>Done editing</source>
      <translation>Τέλος επεξεργασίας</translation>
    </message>
    <message>
      <source>Draft from template…</source>
      <translation>Σύνταξη από πρότυπο…</translation>
    </message>
    <message>
      <source>Log…</source>
      <translation>Καταχώριση…</translation>
    </message>
    <message>
      <source>Import e-mail…</source>
      <translation>Εισαγωγή e-mail…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Διαγραφή</translation>
    </message>
    <message>
      <source>Open a working copy in Word (or the default application); every save is stored as a new version.</source>
      <translation>Άνοιγμα αντιγράφου εργασίας στο Word (ή στην προεπιλεγμένη εφαρμογή)· κάθε αποθήκευση καταχωρίζεται ως νέα έκδοση.</translation>
    </message>
    <message>
      <source>Drop files or e-mails here to add them.</source>
      <translation>Αφήστε εδώ αρχεία ή e-mail για να προστεθούν.</translation>
    </message>
    <message>
      <source>Add files to the matter</source>
      <translation>Προσθήκη αρχείων στην υπόθεση</translation>
    </message>
    <message>
      <source>Import e-mails</source>
      <translation>Εισαγωγή e-mail</translation>
    </message>
    <message>
      <source>E-mails (*.eml *.msg)</source>
      <translation>E-mail (*.eml *.msg)</translation>
    </message>
    <message>
      <source>Delete correspondence</source>
      <translation>Διαγραφή αλληλογραφίας</translation>
    </message>
    <message>
      <source>Correspondence</source>
      <translation>Αλληλογραφία</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>Έγγραφο</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Γεγονός</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <source>Adding files…</source>
      <translation>Προσθήκη αρχείων…</translation>
    </message>
    <message>
      <source>Adding %n file(s)…</source>
      <translation>Προσθήκη %n αρχείων…</translation>
    </message>
    <message>
      <source>Delete “%1”? Documents linked to it stay on the matter.</source>
      <translation>Διαγραφή του «%1»; Τα συνδεδεμένα έγγραφα παραμένουν στην υπόθεση.</translation>
    </message>
    <message>
      <source>Draft from template</source>
      <translation>Σύνταξη από πρότυπο</translation>
    </message>
    <message>
      <source>Add firm template…</source>
      <translation>Προσθήκη προτύπου γραφείου…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Αφαίρεση</translation>
    </message>
    <message>
      <source>Merge fields a template can use (fields in bold are used by the selected template):</source>
      <translation>Πεδία συγχώνευσης που μπορεί να χρησιμοποιεί ένα πρότυπο (με έντονα όσα χρησιμοποιεί το επιλεγμένο πρότυπο):</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>Σύνταξη</translation>
    </message>
    <message>
      <source>shipped with casedesk</source>
      <translation>συνοδεύει το casedesk</translation>
    </message>
    <message>
      <source>firm template</source>
      <translation>πρότυπο γραφείου</translation>
    </message>
    <message>
      <source>Draft ready</source>
      <translation>Το σχέδιο είναι έτοιμο</translation>
    </message>
    <message>
      <source>Add firm template</source>
      <translation>Προσθήκη προτύπου γραφείου</translation>
    </message>
    <message>
      <source>Word documents (*.docx)</source>
      <translation>Έγγραφα Word (*.docx)</translation>
    </message>
    <message>
      <source>Template name</source>
      <translation>Όνομα προτύπου</translation>
    </message>
    <message>
      <source>Name of the template:</source>
      <translation>Όνομα του προτύπου:</translation>
    </message>
    <message>
      <source>Remove template</source>
      <translation>Αφαίρεση προτύπου</translation>
    </message>
    <message>
      <source>Templates:</source>
      <translation>Πρότυπα:</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Πεδίο</translation>
    </message>
    <message>
      <source>Meaning</source>
      <translation>Σημασία</translation>
    </message>
    <message>
      <source>Example</source>
      <translation>Παράδειγμα</translation>
    </message>
    <message>
      <source>Drafting…</source>
      <translation>Σύνταξη…</translation>
    </message>
    <message>
      <source>“%1” was stored on the matter. Open it in Word now?</source>
      <translation>Το «%1» αποθηκεύτηκε στην υπόθεση. Να ανοίξει τώρα στο Word;</translation>
    </message>
    <message>
      <source>Remove the firm template “%1”? Documents drafted from it stay.</source>
      <translation>Αφαίρεση του προτύπου γραφείου «%1»; Τα έγγραφα που συντάχθηκαν από αυτό παραμένουν.</translation>
    </message>
    <message>
      <source>Uses: %1</source>
      <translation>Χρησιμοποιεί: %1</translation>
    </message>
    <message>
      <source>The template “%1” was added.</source>
      <translation>Το πρότυπο «%1» προστέθηκε.</translation>
    </message>
    <message>
      <source>%1 (firm)</source>
      <translation>%1 (γραφείου)</translation>
    </message>
    <message>
      <source>The template “%1” was removed.</source>
      <translation>Το πρότυπο «%1» αφαιρέθηκε.</translation>
    </message>
    <message>
      <source>%1 was not added: %2</source>
      <translation>Το %1 δεν προστέθηκε: %2</translation>
    </message>
    <message>
      <source>Add to which matter?</source>
      <translation>Σε ποια υπόθεση;</translation>
    </message>
    <message>
      <source>Matter:</source>
      <translation>Υπόθεση:</translation>
    </message>
    <message>
      <source>Add files to a matter</source>
      <translation>Προσθήκη αρχείων σε υπόθεση</translation>
    </message>
  </context>
  <context>
    <name>CourtRules</name>
    <message>
      <source>from %1, skipping %2</source>
      <translation>από %1, παραλείποντας %2</translation>
    </message>
    <message>
      <source>Electronic / personal</source>
      <translation>Ηλεκτρονική / προσωπική</translation>
    </message>
    <message>
      <source>Mail (adds the service days where the rule allows)</source>
      <translation>Ταχυδρομική (προσθέτει τις ημέρες επίδοσης όπου το επιτρέπει ο κανόνας)</translation>
    </message>
    <message>
      <source>Rule set:</source>
      <translation>Σύνολο κανόνων:</translation>
    </message>
    <message>
      <source>Trigger:</source>
      <translation>Γεγονός έναρξης:</translation>
    </message>
    <message>
      <source>Trigger date:</source>
      <translation>Ημερομηνία γεγονότος:</translation>
    </message>
    <message>
      <source>Service:</source>
      <translation>Επίδοση:</translation>
    </message>
    <message>
      <source>Assign to:</source>
      <translation>Ανάθεση σε:</translation>
    </message>
    <message>
      <source>Select a deadline to see how it was counted.</source>
      <translation>Επιλέξτε μια προθεσμία για να δείτε πώς υπολογίστηκε.</translation>
    </message>
    <message>
      <source>Create deadlines</source>
      <translation>Δημιουργία προθεσμιών</translation>
    </message>
    <message>
      <source>Move a trigger date</source>
      <translation>Μετακίνηση ημερομηνίας γεγονότος</translation>
    </message>
    <message>
      <source>Mail</source>
      <translation>Ταχυδρομική</translation>
    </message>
    <message>
      <source>New date:</source>
      <translation>Νέα ημερομηνία:</translation>
    </message>
    <message>
      <source>Move</source>
      <translation>Μετακίνηση</translation>
    </message>
    <message>
      <source>Due:</source>
      <translation>Λήξη:</translation>
    </message>
    <message>
      <source>Citation:</source>
      <translation>Παραπομπή:</translation>
    </message>
    <message>
      <source>Hand-edited deadlines whose rule now gives another date: open them to accept or reject the rule's date.</source>
      <translation>Προθεσμίες που άλλαξαν με το χέρι και για τις οποίες ο κανόνας δίνει πλέον άλλη ημερομηνία: ανοίξτε τις για να αποδεχτείτε ή να απορρίψετε την ημερομηνία του κανόνα.</translation>
    </message>
    <message>
      <source>rolled over from %1</source>
      <translation>μεταφέρθηκε από %1</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Λήξη</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <source>Citation</source>
      <translation>Παραπομπή</translation>
    </message>
    <message>
      <source>Roll-over / suspension</source>
      <translation>Μεταφορά / αναστολή</translation>
    </message>
    <message>
      <source>That trigger no longer exists.</source>
      <translation>Το γεγονός αυτό δεν υπάρχει πλέον.</translation>
    </message>
    <message>
      <source>Now due</source>
      <translation>Λήγει τώρα</translation>
    </message>
    <message>
      <source>New due</source>
      <translation>Νέα λήξη</translation>
    </message>
    <message>
      <source>What happens</source>
      <translation>Τι θα γίνει</translation>
    </message>
    <message>
      <source>No court rules were applied to this matter yet.</source>
      <translation>Δεν έχουν εφαρμοστεί ακόμη δικονομικοί κανόνες σε αυτή την υπόθεση.</translation>
    </message>
    <message>
      <source>Rules give:</source>
      <translation>Ο κανόνας δίνει:</translation>
    </message>
    <message>
      <source>Done:</source>
      <translation>Ολοκληρώθηκε:</translation>
    </message>
    <message>
      <source>This deadline was entered by hand; no rule computed it.</source>
      <translation>Η προθεσμία καταχωρίστηκε με το χέρι· δεν υπολογίστηκε από κανόνα.</translation>
    </message>
    <message>
      <source>Keep my date</source>
      <translation>Κράτηση της δικής μου ημερομηνίας</translation>
    </message>
    <message>
      <source>Apply court rules — %1</source>
      <translation>Εφαρμογή δικονομικών κανόνων — %1</translation>
    </message>
    <message>
      <source>%1 deadlines will be created:</source>
      <translation>Θα δημιουργηθούν %1 προθεσμίες:</translation>
    </message>
    <message>
      <source>That deadline no longer exists.</source>
      <translation>Η προθεσμία αυτή δεν υπάρχει πλέον.</translation>
    </message>
    <message>
      <source>Deadline: %1</source>
      <translation>Προθεσμία: %1</translation>
    </message>
    <message>
      <source>version</source>
      <translation>έκδοση</translation>
    </message>
    <message>
      <source>Use the rule's date (%1)</source>
      <translation>Χρήση της ημερομηνίας του κανόνα (%1)</translation>
    </message>
    <message>
      <source>%1 to review</source>
      <translation>%1 προς έλεγχο</translation>
    </message>
    <message>
      <source>This matter already has this trigger on %1: only missing deadlines are created.</source>
      <translation>Η υπόθεση έχει ήδη αυτό το γεγονός στις %1: δημιουργούνται μόνο οι προθεσμίες που λείπουν.</translation>
    </message>
    <message>
      <source>This matter already has this trigger on %1: applying it with this date moves it and its open deadlines (hand-edited ones are flagged for review, not moved).</source>
      <translation>Η υπόθεση έχει ήδη αυτό το γεγονός στις %1: η εφαρμογή με αυτή την ημερομηνία το μετακινεί μαζί με τις ανοιχτές προθεσμίες του (όσες άλλαξαν με το χέρι σημαίνονται για έλεγχο, δεν μετακινούνται).</translation>
    </message>
    <message>
      <source>Needs review: %1</source>
      <translation>Χρειάζεται έλεγχο: %1</translation>
    </message>
    <message>
      <source>Citations: %1</source>
      <translation>Παραπομπές: %1</translation>
    </message>
    <message>
      <source>suspension: %1</source>
      <translation>αναστολή: %1</translation>
    </message>
    <message>
      <source>moves</source>
      <translation>μετακινείται</translation>
    </message>
    <message>
      <source>edited by hand: keeps its date, flagged for review</source>
      <translation>άλλαξε με το χέρι: κρατά την ημερομηνία του, σημαίνεται για έλεγχο</translation>
    </message>
    <message>
      <source>stays</source>
      <translation>μένει ίδια</translation>
    </message>
    <message>
      <source>done or cancelled: not recalculated</source>
      <translation>ολοκληρωμένη ή ακυρωμένη: δεν επανυπολογίζεται</translation>
    </message>
    <message>
      <source>Apply court rules…</source>
      <translation>Εφαρμογή δικονομικών κανόνων…</translation>
    </message>
    <message>
      <source>Move trigger…</source>
      <translation>Μετακίνηση γεγονότος…</translation>
    </message>
    <message>
      <source>Explanation / review…</source>
      <translation>Εξήγηση / έλεγχος…</translation>
    </message>
  </context>
  <context>
    <name>Ical</name>
    <message>
      <source>Only from</source>
      <translation>Μόνο από</translation>
    </message>
    <message>
      <source>Import .ics…</source>
      <translation>Εισαγωγή .ics…</translation>
    </message>
    <message>
      <source>Add the events of a calendar file (a court's hearing notice…) to this matter; importing the same file again updates them.</source>
      <translation>Προσθήκη των γεγονότων ενός αρχείου ημερολογίου (π.χ. κλήσης δικαστηρίου) στην υπόθεση· νέα εισαγωγή του ίδιου αρχείου τα ενημερώνει.</translation>
    </message>
    <message>
      <source>to</source>
      <translation>έως</translation>
    </message>
    <message>
      <source>Export calendar (.ics)</source>
      <translation>Εξαγωγή ημερολογίου (.ics)</translation>
    </message>
    <message>
      <source>Everyone</source>
      <translation>Όλοι</translation>
    </message>
    <message>
      <source>All matters (or type a matter number)</source>
      <translation>Όλες οι υποθέσεις (ή πληκτρολογήστε αριθμό υπόθεσης)</translation>
    </message>
    <message>
      <source>Attorney:</source>
      <translation>Δικηγόρος:</translation>
    </message>
    <message>
      <source>Matter:</source>
      <translation>Υπόθεση:</translation>
    </message>
    <message>
      <source>Period:</source>
      <translation>Περίοδος:</translation>
    </message>
    <message>
      <source>For New Outlook or Outlook on the web: import the file into a dedicated calendar (e.g. “casedesk”), never into your main calendar. Importing a newer file into the same calendar updates the items.</source>
      <translation>Για το νέο Outlook ή το Outlook στο web: εισαγάγετε το αρχείο σε ξεχωριστό ημερολόγιο (π.χ. «casedesk»), ποτέ στο κύριο ημερολόγιό σας. Η εισαγωγή νεότερου αρχείου στο ίδιο ημερολόγιο ενημερώνει τα στοιχεία.</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Εξαγωγή…</translation>
    </message>
    <message>
      <source>Export calendar</source>
      <translation>Εξαγωγή ημερολογίου</translation>
    </message>
    <message>
      <source>iCalendar files (*.ics)</source>
      <translation>Αρχεία iCalendar (*.ics)</translation>
    </message>
    <message>
      <source>New Outlook and Outlook on the web run on Microsoft's servers and cannot reach a feed on your own computer. Export a .ics file instead and import it into a dedicated calendar.</source>
      <translation>Το νέο Outlook και το Outlook στο web λειτουργούν στους διακομιστές της Microsoft και δεν έχουν πρόσβαση σε ροή στον υπολογιστή σας. Εξαγάγετε αντί γι᾽ αυτό ένα αρχείο .ics και εισαγάγετέ το σε ξεχωριστό ημερολόγιο.</translation>
    </message>
    <message>
      <source>Calendar feed (Outlook)</source>
      <translation>Ροή ημερολογίου (Outlook)</translation>
    </message>
    <message>
      <source>Feed for classic Outlook (this computer only)</source>
      <translation>Ροή για το κλασικό Outlook (μόνο σε αυτόν τον υπολογιστή)</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>Αντιγραφή</translation>
    </message>
    <message>
      <source>New address…</source>
      <translation>Νέα διεύθυνση…</translation>
    </message>
    <message>
      <source>Make a new secret address; the old one stops working at once.</source>
      <translation>Δημιουργία νέας μυστικής διεύθυνσης· η παλιά παύει αμέσως να λειτουργεί.</translation>
    </message>
    <message>
      <source>In classic Outlook: Home → Add Calendar → From Internet…, paste the address. It works only while casedesk runs on this computer.</source>
      <translation>Στο κλασικό Outlook: Κεντρική → Προσθήκη ημερολογίου → Από το Internet…, επικολλήστε τη διεύθυνση. Λειτουργεί μόνο όσο το casedesk εκτελείται σε αυτόν τον υπολογιστή.</translation>
    </message>
    <message>
      <source>Write my calendar to a folder after every change</source>
      <translation>Εγγραφή του ημερολογίου μου σε φάκελο μετά από κάθε αλλαγή</translation>
    </message>
    <message>
      <source>Write the feed file to:</source>
      <translation>Εγγραφή του αρχείου στο:</translation>
    </message>
    <message>
      <source>Choose folder…</source>
      <translation>Επιλογή φακέλου…</translation>
    </message>
    <message>
      <source>&lt;b&gt;New Outlook and Outlook on the web&lt;/b&gt; run on Microsoft's servers and cannot reach a feed on your computer: use &lt;i&gt;File → Export calendar (.ics)…&lt;/i&gt; and import the file into a dedicated calendar. Details below.</source>
      <translation>Το &lt;b&gt;νέο Outlook και το Outlook στο web&lt;/b&gt; λειτουργούν στους διακομιστές της Microsoft και δεν έχουν πρόσβαση σε ροή στον υπολογιστή σας: χρησιμοποιήστε &lt;i&gt;Προθεσμίες → Εξαγωγή ημερολογίου (.ics)…&lt;/i&gt; και εισαγάγετε το αρχείο σε ξεχωριστό ημερολόγιο. Λεπτομέρειες παρακάτω.</translation>
    </message>
    <message>
      <source>New feed address</source>
      <translation>Νέα διεύθυνση ροής</translation>
    </message>
    <message>
      <source>Make a new address? Calendars subscribed to the old one stop updating until you subscribe again with the new one.</source>
      <translation>Να δημιουργηθεί νέα διεύθυνση; Τα ημερολόγια που είναι συνδρομητές στην παλιά παύουν να ενημερώνονται μέχρι να εγγραφείτε ξανά με τη νέα.</translation>
    </message>
    <message>
      <source>Folder for the calendar file</source>
      <translation>Φάκελος για το αρχείο ημερολογίου</translation>
    </message>
    <message>
      <source>Unencrypted calendar file</source>
      <translation>Μη κρυπτογραφημένο αρχείο ημερολογίου</translation>
    </message>
    <message>
      <source>Import calendar file</source>
      <translation>Εισαγωγή αρχείου ημερολογίου</translation>
    </message>
    <message>
      <source>No single matter matches “%1”.</source>
      <translation>Καμία μοναδική υπόθεση δεν ταιριάζει με «%1».</translation>
    </message>
    <message>
      <source>Exporting the calendar…</source>
      <translation>Εξαγωγή ημερολογίου…</translation>
    </message>
    <message>
      <source>Stop the feed</source>
      <translation>Διακοπή ροής</translation>
    </message>
    <message>
      <source>Start the feed</source>
      <translation>Έναρξη ροής</translation>
    </message>
    <message>
      <source>The feed is running. Your address:</source>
      <translation>Η ροή λειτουργεί. Η διεύθυνσή σας:</translation>
    </message>
    <message>
      <source>Write the file anyway?</source>
      <translation>Να γραφτεί το αρχείο παρ᾽ όλα αυτά;</translation>
    </message>
    <message>
      <source>The feed is stopped.</source>
      <translation>Η ροή είναι σταματημένη.</translation>
    </message>
    <message>
      <source>The file could not be read: %1</source>
      <translation>Δεν ήταν δυνατή η ανάγνωση του αρχείου: %1</translation>
    </message>
    <message>
      <source>The file could not be written: %1</source>
      <translation>Δεν ήταν δυνατή η εγγραφή του αρχείου: %1</translation>
    </message>
    <message>
      <source>Last written: %1</source>
      <translation>Τελευταία εγγραφή: %1</translation>
    </message>
    <message>
      <source>%1 events imported or updated.</source>
      <translation>%1 γεγονότα εισήχθησαν ή ενημερώθηκαν.</translation>
    </message>
    <message>
      <source>%1 events and %2 deadlines exported to %3.</source>
      <translation>%1 γεγονότα και %2 προθεσμίες εξήχθησαν στο %3.</translation>
    </message>
  </context>
  <context>
    <name>Reminders</name>
    <message>
      <source>due today</source>
      <translation>λήγει σήμερα</translation>
    </message>
    <message>
      <source>due tomorrow</source>
      <translation>λήγει αύριο</translation>
    </message>
    <message>
      <source>overdue by 1 day</source>
      <translation>εκπρόθεσμη κατά 1 ημέρα</translation>
    </message>
    <message>
      <source>due in %1 days</source>
      <translation>λήγει σε %1 ημέρες</translation>
    </message>
    <message>
      <source>Reminders</source>
      <translation>Υπενθυμίσεις</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Ολοκληρώθηκε</translation>
    </message>
    <message>
      <source>Mark the deadline done (your name and the time are recorded)</source>
      <translation>Σήμανση της προθεσμίας ως ολοκληρωμένης (καταγράφονται το όνομά σας και η ώρα)</translation>
    </message>
    <message>
      <source>Dismiss for today</source>
      <translation>Απόκρυψη για σήμερα</translation>
    </message>
    <message>
      <source>Open matter</source>
      <translation>Άνοιγμα υπόθεσης</translation>
    </message>
    <message>
      <source>Only my deadlines</source>
      <translation>Μόνο οι προθεσμίες μου</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Λήξη</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Πότε</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <source>No reminders are due.</source>
      <translation>Δεν υπάρχουν υπενθυμίσεις.</translation>
    </message>
    <message>
      <source>Deadline reminder</source>
      <translation>Υπενθύμιση προθεσμίας</translation>
    </message>
    <message>
      <source>overdue by %1 days</source>
      <translation>εκπρόθεσμη κατά %1 ημέρες</translation>
    </message>
    <message>
      <source>%1 deadline reminders</source>
      <translation>%1 υπενθυμίσεις προθεσμιών</translation>
    </message>
    <message>
      <source>… and %1 more</source>
      <translation>… και %1 ακόμη</translation>
    </message>
    <message>
      <source>%1 reminders, %2 overdue.</source>
      <translation>%1 υπενθυμίσεις, %2 εκπρόθεσμες.</translation>
    </message>
  </context>
  <context>
    <name>NeedsAttention</name>
    <message>
      <source>Needs attention</source>
      <translation>Χρειάζονται προσοχή</translation>
    </message>
    <message>
      <source>Only my matters and deadlines</source>
      <translation>Μόνο οι υποθέσεις και οι προθεσμίες μου</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Ανανέωση</translation>
    </message>
    <message>
      <source>Double-click a row to open its matter.</source>
      <translation>Διπλό κλικ σε μια γραμμή ανοίγει την υπόθεσή της.</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Λήξη</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <source>What</source>
      <translation>Τι</translation>
    </message>
    <message>
      <source>Citation / responsible</source>
      <translation>Παραπομπή / υπεύθυνος</translation>
    </message>
    <message>
      <source>Overdue deadlines (%1)</source>
      <translation>Εκπρόθεσμες προθεσμίες (%1)</translation>
    </message>
    <message>
      <source>Deadlines due this week (%1)</source>
      <translation>Προθεσμίες που λήγουν αυτή την εβδομάδα (%1)</translation>
    </message>
    <message>
      <source>Open matters with nothing upcoming (%1)</source>
      <translation>Ανοιχτές υποθέσεις χωρίς τίποτα προγραμματισμένο (%1)</translation>
    </message>
  </context>
  <context>
    <name>ControlSheet</name>
    <message>
      <source>All attorneys and matters</source>
      <translation>Όλοι οι δικηγόροι και όλες οι υποθέσεις</translation>
    </message>
    <message>
      <source>Deadline-control sheet (PDF)</source>
      <translation>Φύλλο ελέγχου προθεσμιών (PDF)</translation>
    </message>
    <message>
      <source>Attorney:</source>
      <translation>Δικηγόρος:</translation>
    </message>
    <message>
      <source>Matter:</source>
      <translation>Υπόθεση:</translation>
    </message>
    <message>
      <source>All attorneys</source>
      <translation>Όλοι οι δικηγόροι</translation>
    </message>
    <message>
      <source>Matter number</source>
      <translation>Αριθμός υπόθεσης</translation>
    </message>
    <message>
      <source>Period:</source>
      <translation>Περίοδος:</translation>
    </message>
    <message>
      <source>Save PDF…</source>
      <translation>Αποθήκευση PDF…</translation>
    </message>
    <message>
      <source>Save the control sheet</source>
      <translation>Αποθήκευση του φύλλου ελέγχου</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>Αρχεία PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Deadline-control sheet</source>
      <translation>Φύλλο ελέγχου προθεσμιών</translation>
    </message>
    <message>
      <source>Deadlines:</source>
      <translation>Προθεσμίες:</translation>
    </message>
    <message>
      <source>Generated:</source>
      <translation>Δημιουργήθηκε:</translation>
    </message>
    <message>
      <source>Checked by:</source>
      <translation>Ελέγχθηκε από:</translation>
    </message>
    <message>
      <source>Date:</source>
      <translation>Ημερομηνία:</translation>
    </message>
    <message>
      <source>Signature:</source>
      <translation>Υπογραφή:</translation>
    </message>
    <message>
      <source>to</source>
      <translation>έως</translation>
    </message>
    <message>
      <source>The PDF could not be written to %1.</source>
      <translation>Δεν ήταν δυνατή η εγγραφή του PDF στο %1.</translation>
    </message>
    <message>
      <source>Type the number of the matter.</source>
      <translation>Πληκτρολογήστε τον αριθμό της υπόθεσης.</translation>
    </message>
    <message>
      <source>No deadlines in this period.</source>
      <translation>Καμία προθεσμία σε αυτή την περίοδο.</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Ημερομηνία</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Προθεσμία</translation>
    </message>
    <message>
      <source>Citation</source>
      <translation>Παραπομπή</translation>
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
      <source>Signature</source>
      <translation>Υπογραφή</translation>
    </message>
  </context>
  <context>
    <name>Conflicts</name>
    <message>
      <source>Scheduling conflict</source>
      <translation>Σύγκρουση προγραμματισμού</translation>
    </message>
    <message>
      <source>&lt;b&gt;This time is already taken.&lt;/b&gt;</source>
      <translation>&lt;b&gt;Η ώρα αυτή είναι ήδη κατειλημμένη.&lt;/b&gt;</translation>
    </message>
    <message>
      <source>Use proposed time</source>
      <translation>Χρήση της προτεινόμενης ώρας</translation>
    </message>
    <message>
      <source>Keep the conflict</source>
      <translation>Διατήρηση της σύγκρουσης</translation>
    </message>
    <message>
      <source>No free slot was found within business hours.</source>
      <translation>Δεν βρέθηκε ελεύθερη ώρα μέσα στο ωράριο.</translation>
    </message>
    <message>
      <source>The nearest free slot for everyone is &lt;b&gt;%1&lt;/b&gt;.</source>
      <translation>Η πλησιέστερη ελεύθερη ώρα για όλους είναι &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
  </context>
  <context>
    <name>CalendarTools</name>
    <message>
      <source>Needs attention</source>
      <translation>Χρειάζονται προσοχή</translation>
    </message>
    <message>
      <source>&amp;Deadlines</source>
      <translation>&amp;Προθεσμίες</translation>
    </message>
    <message>
      <source>Reminders</source>
      <translation>Υπενθυμίσεις</translation>
    </message>
    <message>
      <source>Deadline-control sheet (PDF)…</source>
      <translation>Φύλλο ελέγχου προθεσμιών (PDF)…</translation>
    </message>
    <message>
      <source>Export calendar (.ics)…</source>
      <translation>Εξαγωγή ημερολογίου (.ics)…</translation>
    </message>
    <message>
      <source>Calendar feed (Outlook)…</source>
      <translation>Ροή ημερολογίου (Outlook)…</translation>
    </message>
    <message>
      <source>Control sheet saved: %1</source>
      <translation>Το φύλλο ελέγχου αποθηκεύτηκε: %1</translation>
    </message>
  </context>
  <context>
    <name>IntakeWizard</name>
    <message>
      <source>— choose —</source>
      <translation>— επιλέξτε —</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Ναι</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Όχι</translation>
    </message>
    <message>
      <source>Required</source>
      <translation>Υποχρεωτικό</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Αφαίρεση</translation>
    </message>
    <message>
      <source>None yet.</source>
      <translation>Κανένα ακόμη.</translation>
    </message>
    <message>
      <source>Add: %1</source>
      <translation>Προσθήκη: %1</translation>
    </message>
    <message>
      <source>Attach file…</source>
      <translation>Επισύναψη αρχείου…</translation>
    </message>
    <message>
      <source>No file attached.</source>
      <translation>Δεν επισυνάφθηκε αρχείο.</translation>
    </message>
    <message>
      <source>Type the date as year, month, day (e.g. 20250110), or press Alt+Down for the calendar.  Ctrl+Delete empties it.</source>
      <translation>Πληκτρολογήστε την ημερομηνία ως έτος, μήνα, ημέρα (π.χ. 20250110) ή πατήστε Alt+Κάτω για το ημερολόγιο.  Το Ctrl+Delete την αδειάζει.</translation>
    </message>
    <message>
      <source>← &amp;Back</source>
      <translation>← &amp;Πίσω</translation>
    </message>
    <message>
      <source>&amp;Next →</source>
      <translation>&amp;Επόμενο →</translation>
    </message>
    <message>
      <source>Alt+B or Ctrl+Backspace</source>
      <translation>Alt+Π ή Ctrl+Backspace</translation>
    </message>
    <message>
      <source>Alt+N or Ctrl+Enter</source>
      <translation>Alt+Ε ή Ctrl+Enter</translation>
    </message>
    <message>
      <source>Close (answers are kept)</source>
      <translation>Κλείσιμο (οι απαντήσεις διατηρούνται)</translation>
    </message>
    <message>
      <source>New client intake — casedesk</source>
      <translation>Νέα καταγραφή εντολέα — casedesk</translation>
    </message>
    <message>
      <source>New client intake: choose the practice area</source>
      <translation>Νέα καταγραφή εντολέα: επιλέξτε τομέα</translation>
    </message>
    <message>
      <source>&amp;Which practice area is the matter in?</source>
      <translation>&amp;Σε ποιον τομέα ανήκει η υπόθεση;</translation>
    </message>
    <message>
      <source>Use the arrow keys and press Enter, or Alt+N.</source>
      <translation>Χρησιμοποιήστε τα βέλη και πατήστε Enter ή Alt+Ε.</translation>
    </message>
    <message>
      <source>This intake was already %1.</source>
      <translation>Η καταγραφή έχει ήδη %1.</translation>
    </message>
    <message>
      <source>Intake: %1 — casedesk</source>
      <translation>Καταγραφή: %1 — casedesk</translation>
    </message>
    <message>
      <source>Conflict check</source>
      <translation>Έλεγχος σύγκρουσης συμφερόντων</translation>
    </message>
    <message>
      <source>Accept or decline</source>
      <translation>Αποδοχή ή απόρριψη</translation>
    </message>
    <message>
      <source>(new client)</source>
      <translation>(νέος εντολέας)</translation>
    </message>
    <message>
      <source>Intake for %1 — %2</source>
      <translation>Καταγραφή για %1 — %2</translation>
    </message>
    <message>
      <source>Attach a document the client brought</source>
      <translation>Επισύναψη εγγράφου που προσκόμισε ο εντολέας</translation>
    </message>
    <message>
      <source>Attaching the file…</source>
      <translation>Επισύναψη αρχείου…</translation>
    </message>
    <message>
      <source>Typing…</source>
      <translation>Πληκτρολόγηση…</translation>
    </message>
    <message>
      <source>Saving…</source>
      <translation>Αποθήκευση…</translation>
    </message>
    <message>
      <source>All answers saved at %1.</source>
      <translation>Όλες οι απαντήσεις αποθηκεύτηκαν στις %1.</translation>
    </message>
    <message>
      <source>Not saved: %1</source>
      <translation>Δεν αποθηκεύτηκε: %1</translation>
    </message>
    <message>
      <source>Record a decision on the conflict check before going on.</source>
      <translation>Καταχωρίστε απόφαση για τον έλεγχο σύγκρουσης πριν συνεχίσετε.</translation>
    </message>
    <message>
      <source>Some answers need attention (marked in red).</source>
      <translation>Κάποιες απαντήσεις χρειάζονται προσοχή (με κόκκινο).</translation>
    </message>
    <message>
      <source>The client was declined; the intake is kept.</source>
      <translation>Ο εντολέας απορρίφθηκε· η καταγραφή διατηρείται.</translation>
    </message>
    <message>
      <source>%1 answer(s) still missing or wrong, first: %2</source>
      <translation>%1 απάντηση(-εις) λείπουν ή είναι λάθος, πρώτη: %2</translation>
    </message>
    <message>
      <source>The conflict check has not been cleared or waived yet.</source>
      <translation>Ο έλεγχος σύγκρουσης δεν έχει ακόμη εκκαθαριστεί ή αρθεί.</translation>
    </message>
    <message>
      <source>Everything is answered and the conflict check is decided.</source>
      <translation>Όλα έχουν απαντηθεί και ο έλεγχος σύγκρουσης έχει κριθεί.</translation>
    </message>
    <message>
      <source>Accepted as matter %1.</source>
      <translation>Έγινε δεκτός ως υπόθεση %1.</translation>
    </message>
    <message>
      <source>Warnings:</source>
      <translation>Προειδοποιήσεις:</translation>
    </message>
    <message>
      <source>Opening the matter…</source>
      <translation>Άνοιγμα υπόθεσης…</translation>
    </message>
    <message>
      <source>Declined. The intake is kept, and its names are found by later checks.</source>
      <translation>Απορρίφθηκε. Η καταγραφή διατηρείται και τα ονόματά της εντοπίζονται σε μελλοντικούς ελέγχους.</translation>
    </message>
  </context>
  <context>
    <name>DecisionPage</name>
    <message>
      <source>Accept or decline the client</source>
      <translation>Αποδοχή ή απόρριψη του εντολέα</translation>
    </message>
    <message>
      <source>Matter &amp;status:</source>
      <translation>&amp;Κατάσταση υπόθεσης:</translation>
    </message>
    <message>
      <source>&amp;Responsible attorney:</source>
      <translation>&amp;Υπεύθυνος δικηγόρος:</translation>
    </message>
    <message>
      <source>Case &amp;manager:</source>
      <translation>&amp;Διαχειριστής υπόθεσης:</translation>
    </message>
    <message>
      <source>&amp;Accept the client and open the matter</source>
      <translation>&amp;Αποδοχή εντολέα και άνοιγμα υπόθεσης</translation>
    </message>
    <message>
      <source>Why the firm does not take the client</source>
      <translation>Γιατί το γραφείο δεν αναλαμβάνει τον εντολέα</translation>
    </message>
    <message>
      <source>Reason to &amp;decline:</source>
      <translation>Λόγος &amp;απόρριψης:</translation>
    </message>
    <message>
      <source>Dec&amp;line the client</source>
      <translation>Απόρρι&amp;ψη εντολέα</translation>
    </message>
  </context>
  <context>
    <name>ConflictStep</name>
    <message>
      <source>Current client</source>
      <translation>Τρέχων εντολέας</translation>
    </message>
    <message>
      <source>Former client</source>
      <translation>Πρώην εντολέας</translation>
    </message>
    <message>
      <source>Adverse party</source>
      <translation>Αντίδικος</translation>
    </message>
    <message>
      <source>Declined intake</source>
      <translation>Απορριφθείσα καταγραφή</translation>
    </message>
    <message>
      <source>Other contact</source>
      <translation>Άλλη επαφή</translation>
    </message>
    <message>
      <source>Name checked</source>
      <translation>Όνομα που ελέγχθηκε</translation>
    </message>
    <message>
      <source>Found (as stored)</source>
      <translation>Καταχωρισμένο ως</translation>
    </message>
    <message>
      <source>Standing</source>
      <translation>Σχέση</translation>
    </message>
    <message>
      <source>Matter</source>
      <translation>Υπόθεση</translation>
    </message>
    <message>
      <source>Role there</source>
      <translation>Ιδιότητα εκεί</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>Βαθμός</translation>
    </message>
    <message>
      <source>(no matter)</source>
      <translation>(χωρίς υπόθεση)</translation>
    </message>
  </context>
  <context>
    <name>ConflictStepPage</name>
    <message>
      <source>The client's name, the opposing parties and their lawyers are checked against every contact, matter party and declined intake of the firm.</source>
      <translation>Το όνομα του εντολέα, οι αντίδικοι και οι δικηγόροι τους ελέγχονται έναντι κάθε επαφής, διαδίκου και απορριφθείσας καταγραφής του γραφείου.</translation>
    </message>
    <message>
      <source>Run the check &amp;again</source>
      <translation>Νέος &amp;έλεγχος</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— επιλέξτε —</translation>
    </message>
    <message>
      <source>Cleared: no conflict</source>
      <translation>Εκκαθαρίστηκε: καμία σύγκρουση</translation>
    </message>
    <message>
      <source>Waived: those affected consented</source>
      <translation>Άρση: οι θιγόμενοι συναίνεσαν</translation>
    </message>
    <message>
      <source>Declined: we cannot act</source>
      <translation>Απόρριψη: δεν μπορούμε να αναλάβουμε</translation>
    </message>
    <message>
      <source>Who consented, and how (e.g. letter of 3 May)</source>
      <translation>Ποιος συναίνεσε και πώς (π.χ. επιστολή 3ης Μαΐου)</translation>
    </message>
    <message>
      <source>&amp;Record the decision</source>
      <translation>&amp;Καταχώριση απόφασης</translation>
    </message>
    <message>
      <source>&amp;Decision *</source>
      <translation>&amp;Απόφαση *</translation>
    </message>
    <message>
      <source>C&amp;onsented by *</source>
      <translation>&amp;Συναίνεσαν *</translation>
    </message>
    <message>
      <source>Rea&amp;son *</source>
      <translation>&amp;Αιτιολογία *</translation>
    </message>
    <message>
      <source>%1 possible conflict(s) for %2 name(s) checked. Look at each one before deciding.</source>
      <translation>%1 πιθανή(-ές) σύγκρουση(-εις) για %2 όνομα(-τα). Εξετάστε καθεμία πριν αποφασίσετε.</translation>
    </message>
    <message>
      <source>No possible conflicts for the %1 name(s) checked.</source>
      <translation>Καμία πιθανή σύγκρουση για τα %1 ονόματα που ελέγχθηκαν.</translation>
    </message>
    <message>
      <source>Decision recorded: %1 by %2. Reason: %3</source>
      <translation>Καταχωρίστηκε απόφαση: %1 από %2. Αιτιολογία: %3</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Έλεγχος…</translation>
    </message>
    <message>
      <source>Checking for conflicts…</source>
      <translation>Έλεγχος σύγκρουσης συμφερόντων…</translation>
    </message>
    <message>
      <source>Choose a decision.</source>
      <translation>Επιλέξτε απόφαση.</translation>
    </message>
  </context>
  <context>
    <name>ConflictWarningDialog</name>
    <message>
      <source>Possible conflict of interest</source>
      <translation>Πιθανή σύγκρουση συμφερόντων</translation>
    </message>
    <message>
      <source>Saving this party may create a conflict of interest. Look at the matches below; proceed only if the conflict is cleared or waived.</source>
      <translation>Η αποθήκευση αυτού του διαδίκου μπορεί να δημιουργήσει σύγκρουση συμφερόντων. Εξετάστε τις αντιστοιχίες παρακάτω· συνεχίστε μόνο αν η σύγκρουση έχει εκκαθαριστεί ή αρθεί.</translation>
    </message>
    <message>
      <source>Why it is acceptable (kept with the matter)</source>
      <translation>Γιατί είναι αποδεκτό (φυλάσσεται με την υπόθεση)</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>Αιτιολογία:</translation>
    </message>
    <message>
      <source>&amp;Proceed anyway</source>
      <translation>&amp;Συνέχεια παρ' όλα αυτά</translation>
    </message>
  </context>
  <context>
    <name>CheckedPartyDialog</name>
    <message>
      <source>Choose the contact to add.</source>
      <translation>Επιλέξτε την επαφή που θα προστεθεί.</translation>
    </message>
  </context>
  <context>
    <name>DraftsWindow</name>
    <message>
      <source>Draft intakes — casedesk</source>
      <translation>Πρόχειρες καταγραφές — casedesk</translation>
    </message>
    <message>
      <source>Client</source>
      <translation>Εντολέας</translation>
    </message>
    <message>
      <source>Practice area</source>
      <translation>Τομέας</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>Βήμα</translation>
    </message>
    <message>
      <source>Last change</source>
      <translation>Τελευταία αλλαγή</translation>
    </message>
    <message>
      <source>By</source>
      <translation>Από</translation>
    </message>
    <message>
      <source>No unfinished intakes.</source>
      <translation>Δεν υπάρχουν ημιτελείς καταγραφές.</translation>
    </message>
    <message>
      <source>&amp;New intake…</source>
      <translation>&amp;Νέα καταγραφή…</translation>
    </message>
    <message>
      <source>&amp;Resume</source>
      <translation>&amp;Συνέχεια</translation>
    </message>
    <message>
      <source>&amp;Discard…</source>
      <translation>&amp;Απόρριψη…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Κλείσιμο</translation>
    </message>
    <message>
      <source>Intakes not yet accepted or declined. Resume one to continue exactly where it stopped.</source>
      <translation>Καταγραφές που δεν έχουν γίνει δεκτές ή απορριφθεί. Συνεχίστε μία ακριβώς από εκεί που σταμάτησε.</translation>
    </message>
    <message>
      <source>Conflict check</source>
      <translation>Έλεγχος σύγκρουσης συμφερόντων</translation>
    </message>
    <message>
      <source>Accept or decline</source>
      <translation>Αποδοχή ή απόρριψη</translation>
    </message>
    <message>
      <source>(no name yet)</source>
      <translation>(χωρίς όνομα ακόμη)</translation>
    </message>
  </context>
  <context>
    <name>IntakeDrafts</name>
    <message>
      <source>Discard intake</source>
      <translation>Απόρριψη καταγραφής</translation>
    </message>
    <message>
      <source>Discard the intake of %1? It is kept in the audit trail but can no longer be resumed.

Reason (optional):</source>
      <translation>Να απορριφθεί η καταγραφή του/της %1; Διατηρείται στο ιστορικό ελέγχου αλλά δεν μπορεί πλέον να συνεχιστεί.

Λόγος (προαιρετικά):</translation>
    </message>
    <message>
      <source>(no name yet)</source>
      <translation>(χωρίς όνομα ακόμη)</translation>
    </message>
    <message>
      <source>Client &amp;intake…</source>
      <translation>&amp;Καταγραφή εντολέα…</translation>
    </message>
    <message>
      <source>Draft intakes…</source>
      <translation>Πρόχειρες καταγραφές…</translation>
    </message>
    <message>
      <source>%1 unfinished intake(s)…</source>
      <translation>%1 ημιτελής(-είς) καταγραφή(-ές)…</translation>
    </message>
  </context>
  <context>
    <name>ImportExport</name>
    <message>
      <source>Import…</source>
      <translation>Εισαγωγή…</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Εξαγωγή…</translation>
    </message>
    <message>
      <source>Export calendar (.ics)…</source>
      <translation>Εξαγωγή ημερολογίου (.ics)…</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Εισαγωγή</translation>
    </message>
    <message>
      <source>casedesk interchange files (*.json *.csv)</source>
      <translation>Αρχεία ανταλλαγής casedesk (*.json *.csv)</translation>
    </message>
    <message>
      <source>Importing %1…</source>
      <translation>Εισαγωγή του %1…</translation>
    </message>
    <message>
      <source>Import cancelled; nothing was changed.</source>
      <translation>Η εισαγωγή ακυρώθηκε· δεν άλλαξε τίποτα.</translation>
    </message>
    <message>
      <source>Clients</source>
      <translation>Εντολείς</translation>
    </message>
    <message>
      <source>Contacts</source>
      <translation>Επαφές</translation>
    </message>
    <message>
      <source>Matters</source>
      <translation>Υποθέσεις</translation>
    </message>
    <message>
      <source>Events</source>
      <translation>Συμβάντα</translation>
    </message>
    <message>
      <source>Deadlines</source>
      <translation>Προθεσμίες</translation>
    </message>
    <message>
      <source>%1: %2 created, %3 updated, %4 unchanged</source>
      <translation>%1 — δημιουργήθηκαν: %2, ενημερώθηκαν: %3, χωρίς αλλαγή: %4</translation>
    </message>
    <message>
      <source>The file had nothing to import.</source>
      <translation>Το αρχείο δεν είχε τίποτα για εισαγωγή.</translation>
    </message>
    <message>
      <source>Import finished</source>
      <translation>Η εισαγωγή ολοκληρώθηκε</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Εξαγωγή</translation>
    </message>
    <message>
      <source>casedesk interchange file (*.json)</source>
      <translation>Αρχείο ανταλλαγής casedesk (*.json)</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Εξαγωγή…</translation>
    </message>
    <message>
      <source>Export calendar</source>
      <translation>Εξαγωγή ημερολογίου</translation>
    </message>
    <message>
      <source>iCalendar file (*.ics)</source>
      <translation>Αρχείο iCalendar (*.ics)</translation>
    </message>
    <message>
      <source>Exporting the calendar…</source>
      <translation>Εξαγωγή του ημερολογίου…</translation>
    </message>
    <message>
      <source>Exported to %1</source>
      <translation>Εξήχθη στο %1</translation>
    </message>
    <message>
      <source>Export cancelled; no file was written.</source>
      <translation>Η εξαγωγή ακυρώθηκε· δεν γράφτηκε αρχείο.</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>Παρακαλώ περιμένετε</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Άκυρο</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Ακύρωση…</translation>
    </message>
    <message>
      <source>Writing to the case file… This can no longer be cancelled.</source>
      <translation>Εγγραφή στο αρχείο υποθέσεων… Δεν μπορεί πλέον να ακυρωθεί.</translation>
    </message>
  </context>
  <context>
    <name>Sync</name>
    <message>
      <source>The same field was changed on two computers before they synced. The value in place now is kept until you choose.</source>
      <translation>Το ίδιο πεδίο άλλαξε σε δύο υπολογιστές πριν συγχρονιστούν. Η τρέχουσα τιμή διατηρείται μέχρι να επιλέξετε.</translation>
    </message>
    <message>
      <source>Keep the value in place</source>
      <translation>Διατήρηση της τρέχουσας τιμής</translation>
    </message>
    <message>
      <source>Use the other value</source>
      <translation>Χρήση της άλλης τιμής</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>Συγχρονισμός τώρα</translation>
    </message>
    <message>
      <source>casedesk must be updated: another computer uses a newer version, and its changes cannot be applied here until then.</source>
      <translation>Το casedesk πρέπει να ενημερωθεί: άλλος υπολογιστής χρησιμοποιεί νεότερη έκδοση και οι αλλαγές του δεν μπορούν να εφαρμοστούν εδώ μέχρι τότε.</translation>
    </message>
    <message>
      <source>both changed</source>
      <translation>άλλαξαν και οι δύο</translation>
    </message>
    <message>
      <source>deleted while changed</source>
      <translation>διαγράφηκε ενώ άλλαζε</translation>
    </message>
    <message>
      <source>could not be placed</source>
      <translation>δεν μπόρεσε να τοποθετηθεί</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>Συγχρονισμός</translation>
    </message>
    <message>
      <source>Share &amp;folder:</source>
      <translation>Κοινόχρηστος &amp;φάκελος:</translation>
    </message>
    <message>
      <source>Sync &amp;every:</source>
      <translation>Συγχρονισμός &amp;κάθε:</translation>
    </message>
    <message>
      <source> min</source>
      <translation> λεπ.</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Επιλογή…</translation>
    </message>
    <message>
      <source>Sync &amp;now</source>
      <translation>Συγχρονισμός &amp;τώρα</translation>
    </message>
    <message>
      <source>Choose the share folder</source>
      <translation>Επιλέξτε τον κοινόχρηστο φάκελο</translation>
    </message>
    <message>
      <source>Sync: not set up</source>
      <translation>Συγχρονισμός: δεν έχει ρυθμιστεί</translation>
    </message>
    <message>
      <source>Choose the share folder in Settings.</source>
      <translation>Επιλέξτε τον κοινόχρηστο φάκελο στις Ρυθμίσεις.</translation>
    </message>
    <message>
      <source>Sync: syncing…</source>
      <translation>Συγχρονισμός: σε εξέλιξη…</translation>
    </message>
    <message>
      <source>Click to see the sync conflicts.</source>
      <translation>Κάντε κλικ για να δείτε τις συγκρούσεις συγχρονισμού.</translation>
    </message>
    <message>
      <source>casedesk must be updated</source>
      <translation>Το casedesk πρέπει να ενημερωθεί</translation>
    </message>
    <message>
      <source>Sync conflicts</source>
      <translation>Συγκρούσεις συγχρονισμού</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Εγγραφή</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Πεδίο</translation>
    </message>
    <message>
      <source>Kept value</source>
      <translation>Τιμή που διατηρήθηκε</translation>
    </message>
    <message>
      <source>Other value</source>
      <translation>Άλλη τιμή</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Είδος</translation>
    </message>
    <message>
      <source>(deleted)</source>
      <translation>(διαγράφηκε)</translation>
    </message>
    <message>
      <source>Open a case file to set up sync.</source>
      <translation>Ανοίξτε ένα αρχείο υποθέσεων για να ρυθμίσετε τον συγχρονισμό.</translation>
    </message>
    <message>
      <source>Share folder: %1</source>
      <translation>Κοινόχρηστος φάκελος: %1</translation>
    </message>
    <message>
      <source>Local work goes on; sync is tried again in a few minutes.</source>
      <translation>Η τοπική εργασία συνεχίζεται· ο συγχρονισμός θα επιχειρηθεί ξανά σε λίγα λεπτά.</translation>
    </message>
    <message>
      <source>Sync failed: share not reachable</source>
      <translation>Ο συγχρονισμός απέτυχε: ο κοινόχρηστος φάκελος δεν είναι προσβάσιμος</translation>
    </message>
    <message>
      <source>Sync failed</source>
      <translation>Ο συγχρονισμός απέτυχε</translation>
    </message>
    <message>
      <source>Sync: never run</source>
      <translation>Συγχρονισμός: δεν έχει γίνει ακόμη</translation>
    </message>
    <message>
      <source>%1 pending</source>
      <translation>%1 σε αναμονή</translation>
    </message>
    <message>
      <source>%1 conflicts</source>
      <translation>%1 συγκρούσεις</translation>
    </message>
    <message>
      <source>Another computer uses a newer casedesk: its changes cannot be applied until this casedesk is updated.</source>
      <translation>Άλλος υπολογιστής χρησιμοποιεί νεότερο casedesk: οι αλλαγές του δεν μπορούν να εφαρμοστούν μέχρι να ενημερωθεί αυτό το casedesk.</translation>
    </message>
    <message>
      <source>%1, %2</source>
      <translation>%1, %2</translation>
    </message>
    <message>
      <source>Last sync: %1</source>
      <translation>Τελευταίος συγχρονισμός: %1</translation>
    </message>
  </context>
</TS>