// Every text the complaint page (complaint.html) shows, in French (the default) and English. They are added
// to window.SolidaireText (i18n.js), whose header, footer, error and summary texts the page shares.
// "{name}" marks a value. Both languages hold the same keys. French typography: a no-break space (\u00a0)
// before ? : ! and inside « ». The API's own English messages are never shown.
(function (texts) {
  "use strict";

  var fr = {
    "complaint.page.title": "Faire une réclamation — Solidaire",
    "complaint.done.page.title": "Réclamation envoyée — Solidaire",
    "complaint.heading": "Faire une réclamation",
    "complaint.done.heading": "Réclamation envoyée",
    "complaint.intro": "Si la conduite d'un membre du collectif ne vous semble pas conforme à sa charte, dites-le-nous. La charte est le texte de référence pour traiter tout recours.",
    "complaint.who": "Votre réclamation va aux référent·es éthique du collectif, jamais au membre concerné. Ils et elles vous répondront par email.",
    "complaint.done.title": "Merci, votre réclamation est bien arrivée",
    "complaint.done.next": "Les référent·es éthique l'examinent au regard de la charte et vous écriront. Le membre concerné n'en est pas informé par nous.",
    "complaint.submit": "Envoyer ma réclamation",
    "complaint.submit.sending": "Envoi en cours…",
    "complaint.status.sending": "Envoi de votre réclamation en cours…",
    "complaint.summary.failed": "Votre réclamation n'a pas pu être envoyée",
    "complaint.error.tooLarge": "Votre réclamation est trop longue. Raccourcissez-la, puis réessayez.",
    "description.label": "Ce qui s'est passé",
    "description.hint": "Décrivez les faits\u00a0: ce qui a été dit ou fait, quand, et ce qui vous semble contraire à la charte. Entre 20 et 4000 caractères.",
    "description.required": "Décrivez ce qui s'est passé.",
    "description.tooShort": "Décrivez ce qui s'est passé en 20 caractères au moins.",
    "description.tooLong": "Votre description dépasse 4000 caractères\u00a0: raccourcissez-la.",
    "description.invalid": "Votre description contient des caractères qui ne sont pas acceptés.",
    "description.countShort": "{count} caractères\u00a0: encore {missing} au minimum",
    "description.count": "{count} / 4000 caractères",
    "description.countLong": "{count} / 4000 caractères\u00a0: {extra} de trop",
    "memberName.label": "Nom du membre concerné",
    "memberName.hint": "Tel qu'il ou elle s'est présenté·e. Ce membre ne reçoit pas votre réclamation et ne peut pas la lire.",
    "memberName.tooLong": "Le nom du membre ne peut pas dépasser 200 caractères.",
    "memberName.invalid": "Le nom du membre contient des caractères qui ne sont pas acceptés.",
    "engagementReference.label": "Référence de votre demande d'accompagnement",
    "engagementReference.hint": "Elle figure dans nos emails, par exemple ABCD-2345-EFGH.",
    "engagementReference.invalid": "Saisissez la référence telle que nos emails la donnent, par exemple ABCD-2345-EFGH.",
    "contactEmail.hint": "Les référent·es vous répondront à cette adresse.",
    "contactEmail.required": "Saisissez votre adresse email, pour que les référent·es puissent vous répondre.",
    "contactEmail.invalid": "Saisissez une adresse email complète, par exemple nom@exemple.fr.",
  };

  var en = {
    "complaint.page.title": "Make a complaint — Solidaire",
    "complaint.done.page.title": "Complaint sent — Solidaire",
    "complaint.heading": "Make a complaint",
    "complaint.done.heading": "Complaint sent",
    "complaint.intro": "If the conduct of a member of the collective does not seem to you to follow its charter, tell us. The charter is the text of reference for any complaint.",
    "complaint.who": "Your complaint goes to the collective's ethics referents, never to the member concerned. They will answer you by email.",
    "complaint.done.title": "Thank you, your complaint has reached us",
    "complaint.done.next": "The ethics referents look at it against the charter and will write to you. We do not tell the member concerned about it.",
    "complaint.submit": "Send my complaint",
    "complaint.submit.sending": "Sending…",
    "complaint.status.sending": "Sending your complaint…",
    "complaint.summary.failed": "Your complaint could not be sent",
    "complaint.error.tooLarge": "Your complaint is too long. Shorten it, then try again.",
    "description.label": "What happened",
    "description.hint": "Describe the facts: what was said or done, when, and what seems to you against the charter. Between 20 and 4000 characters.",
    "description.required": "Describe what happened.",
    "description.tooShort": "Describe what happened in at least 20 characters.",
    "description.tooLong": "Your description is longer than 4000 characters: shorten it.",
    "description.invalid": "Your description holds characters that are not accepted.",
    "description.countShort": "{count} characters: at least {missing} more",
    "description.count": "{count} / 4000 characters",
    "description.countLong": "{count} / 4000 characters: {extra} too many",
    "memberName.label": "Name of the member concerned",
    "memberName.hint": "As they introduced themselves. This member does not receive your complaint and cannot read it.",
    "memberName.tooLong": "The member's name cannot be longer than 200 characters.",
    "memberName.invalid": "The member's name holds characters that are not accepted.",
    "engagementReference.label": "Reference of your request for support",
    "engagementReference.hint": "It is in our emails, for example ABCD-2345-EFGH.",
    "engagementReference.invalid": "Type the reference as our emails give it, for example ABCD-2345-EFGH.",
    "contactEmail.hint": "The referents will answer you at this address.",
    "contactEmail.required": "Type your email address, so that the referents can answer you.",
    "contactEmail.invalid": "Type a complete email address, for example name@example.com.",
  };

  Object.keys(fr).forEach(function (key) { texts.fr[key] = fr[key]; });
  Object.keys(en).forEach(function (key) { texts.en[key] = en[key]; });
})(window.SolidaireText);
