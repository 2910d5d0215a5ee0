import Mustache

// Templates read a view's values by name through these switches rather than by reflection:
// Mirror cost about half a millisecond per queue row (type metadata and demangling on every
// lookup). `TemplateValuesTests` checks that every stored property of every view is here.

extension QueuePageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "csrfToken": csrfToken
        case "total": total
        case "showing": showing
        case "isSample": isSample
        case "seed": seed
        case "menus": menus
        case "from": from
        case "to": to
        case "orderChoices": orderChoices
        case "seedValue": seedValue
        case "limitValue": limitValue
        case "rows": rows
        case "hasRows": hasRows
        case "nextHref": nextHref
        case "firstHref": firstHref
        case "riskHref": riskHref
        case "sampleHref": sampleHref
        case "newSampleHref": newSampleHref
        case "hiddenFilters": hiddenFilters
        case "filtered": filtered
        default: nil
        }
    }
}

extension QueuePageView.Row: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "href": href
        case "risk": risk
        case "riskBar": riskBar
        case "level": level
        case "flagged": flagged
        case "channel": channel
        case "team": team
        case "agent": agent
        case "started": started
        case "label": label
        case "tone": tone
        case "reasons": reasons
        case "reviewed": reviewed
        case "reviewCount": reviewCount
        case "verdict": verdict
        case "verdictClass": verdictClass
        default: nil
        }
    }
}

extension QueuePageView.Menu: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "label": label
        case "choices": choices
        default: nil
        }
    }
}

extension ConversationPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "csrfToken": csrfToken
        case "id": id
        case "risk": risk
        case "level": level
        case "flagged": flagged
        case "facts": facts
        case "sentiment": sentiment
        case "tone": tone
        case "messages": messages
        case "reasons": reasons
        case "hasReasons": hasReasons
        case "hasAsides": hasAsides
        case "drivers": drivers
        case "hasDrivers": hasDrivers
        case "trajectory": trajectory
        case "session": session
        case "hasHiddenSessionReviews": hasHiddenSessionReviews
        case "formAction": formAction
        case "reviewer": reviewer
        case "reviewerFixed": reviewerFixed
        case "verdicts": verdicts
        case "rubricName": rubricName
        case "categories": categories
        case "note": note
        case "sessionID": sessionID
        case "revises": revises
        case "submitLabel": submitLabel
        case "cancelEditHref": cancelEditHref
        case "ownReview": ownReview
        case "history": history
        case "hasHistory": hasHistory
        case "historyTitle": historyTitle
        default: nil
        }
    }
}

extension ConversationPageView.Message: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "number": number
        case "role": role
        case "roleClass": roleClass
        case "time": time
        case "sentiment": sentiment
        case "tone": tone
        case "runs": runs
        case "hasEvidence": hasEvidence
        default: nil
        }
    }
}

extension ConversationPageView.Reason: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "code": code
        case "detail": detail
        case "evidence": evidence
        case "href": href
        case "message": message
        default: nil
        }
    }
}

extension ConversationPageView.Category: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "name": name
        case "label": label
        case "description": description
        case "critical": critical
        case "weight": weight
        case "choices": choices
        default: nil
        }
    }
}

extension ConversationPageView.ReviewEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "reviewer": reviewer
        case "verdict": verdict
        case "verdictClass": verdictClass
        case "score": score
        case "scores": scores
        case "note": note
        case "time": time
        case "revises": revises
        case "inSession": inSession
        case "current": current
        case "editHref": editHref
        default: nil
        }
    }
}

extension ConversationPageView.ScoreEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "points": points
        default: nil
        }
    }
}

extension ConversationPageView.SessionBanner: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "reviewer": reviewer
        case "href": href
        case "position": position
        case "previousHref": previousHref
        case "nextHref": nextHref
        default: nil
        }
    }
}

extension SessionsPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "csrfToken": csrfToken
        case "sessions": sessions
        case "hasSessions": hasSessions
        default: nil
        }
    }
}

extension SessionsPageView.Entry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "href": href
        case "created": created
        case "conversations": conversations
        case "reviewers": reviewers
        default: nil
        }
    }
}

extension SessionPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "name": name
        case "created": created
        case "counts": counts
        case "reviewers": reviewers
        case "reviewerNames": reviewerNames
        case "rows": rows
        case "reportVisible": reportVisible
        case "hiddenReason": hiddenReason
        case "dimensions": dimensions
        case "disagreements": disagreements
        case "hasDisagreements": hasDisagreements
        case "agreementCount": agreementCount
        default: nil
        }
    }
}

extension SessionPageView.ReviewerEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "progress": progress
        case "finished": finished
        case "reviewHref": reviewHref
        case "revealHref": revealHref
        default: nil
        }
    }
}

extension SessionPageView.ProgressRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "href": href
        case "cells": cells
        default: nil
        }
    }
}

extension SessionPageView.Cell: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "done": done
        case "reviewer": reviewer
        default: nil
        }
    }
}

extension SessionPageView.DimensionEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "method": method
        case "kappa": kappa
        case "reading": reading
        case "readingClass": readingClass
        case "items": items
        default: nil
        }
    }
}

extension SessionPageView.DisagreementEntry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "href": href
        case "dimension": dimension
        case "values": values
        default: nil
        }
    }
}

extension Choice: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension HiddenField: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "value": value
        default: nil
        }
    }
}

extension LoginPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "csrfToken": csrfToken
        case "next": next
        case "failed": failed
        default: nil
        }
    }
}

extension ErrorPageView: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "pageTitle": pageTitle
        case "status": status
        case "reason": reason
        case "message": message
        default: nil
        }
    }
}

extension EvidenceHighlighter.Run: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "codes": codes
        case "marked": marked
        case "title": title
        case "isAside": isAside
        case "asideTitle": asideTitle
        case "asideKind": aside.map { "\($0)" } ?? ""
        default: nil
        }
    }
}

extension TrajectoryChart: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "width": width
        case "height": height
        case "points": points
        case "dots": dots
        case "zeroY": zeroY
        case "summary": summary
        case "isEmpty": isEmpty
        default: nil
        }
    }
}

extension TrajectoryChart.Dot: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "x": x
        case "y": y
        case "tone": tone
        case "title": title
        case "anchor": anchor
        default: nil
        }
    }
}
