//! CAMEO's codes for announced intentions and threats.
//!
//! CAMEO codes a stated intention as an event of its own: "will meet" is 036
//! (express intent to meet or negotiate), "will send aid" is 033x, "will
//! attack" is 138x (threaten with military force). [`future_code`] maps the
//! code of the action to the code of announcing it. Verbal codes (01–05,
//! 09–13) and mobilisation (15) have no such counterpart; the coder keeps
//! their code and marks the record `mode: "future"`.

/// The CAMEO code for announcing `code` as a future action, if CAMEO has one.
pub fn future_code(code: &str) -> Option<&'static str> {
    let c = code.as_bytes();
    if c.len() < 2 {
        return None;
    }
    let root = &code[..2];
    let three = code.get(..3).unwrap_or(code);
    Some(match root {
        "04" => {
            if three == "045" {
                "039"
            } else {
                "036"
            }
        }
        "05" => {
            if three == "057" {
                "030"
            } else {
                "032"
            }
        }
        "06" => match three {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        "07" => match three {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => match three {
            "081" => "0351",
            "082" => "0352",
            "083" => match code {
                "0831" => "0341",
                "0832" => "0342",
                "0833" => "0343",
                "0834" => "0344",
                _ => "034",
            },
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        "14" => "133",
        "16" => match three {
            "161" => "1313",
            "162" => "1311",
            "163" => "1312",
            "164" => "134",
            "165" => "135",
            "166" => "136",
            _ => "131",
        },
        "17" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            _ if three == "172" => "132",
            _ if three == "175" => "137",
            _ => "130",
        },
        "18" => "1383",
        "19" => match three {
            "191" => "1381",
            "192" => "1382",
            _ => "1384",
        },
        "20" => {
            if three == "204" {
                "1385"
            } else {
                "1383"
            }
        }
        _ => return None,
    })
}

/// The code of a verb of wishing, appealing, demanding or threatening that
/// governs an act: "wants to help Israel" is intent to provide aid (033),
/// "asks Obama to help Iran" an appeal for aid (023), "demands that Iran
/// release" a demand to yield (105x), "threatens to attack" 138x. CAMEO
/// builds these families in parallel, so the act's intent code names its
/// place in each. `None` when the governing code is of no such family, or the
/// act is itself a statement, appeal or other verbal act (CAMEO has no
/// "intend to appeal"), or a meeting (its intent code is the governing
/// verb's own business).
pub fn governed_code(governing: &str, act: &str) -> Option<String> {
    let act_root = act.get(..2)?;
    let family = governing.get(..2)?;
    let material = matches!(act_root, "05" | "06" | "07" | "08");
    let hostile = matches!(act_root, "16" | "17" | "18" | "19" | "20");
    let intent = future_code(act)?;
    match family {
        "03" if material => Some(intent.to_string()),
        "02" if material => Some(format!("02{}", &intent[2..])),
        "10" if material => Some(format!("10{}", &intent[2..])),
        "13" if hostile => Some(intent.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{future_code, governed_code};

    #[test]
    fn wishes_appeals_demands_and_threats_take_the_act() {
        let g = |a, b| governed_code(a, b);
        assert_eq!(g("030", "070").as_deref(), Some("033"));
        assert_eq!(g("020", "070").as_deref(), Some("023"));
        assert_eq!(g("020", "0841").as_deref(), Some("0253"));
        assert_eq!(g("100", "085").as_deref(), Some("1054"));
        assert_eq!(g("130", "190").as_deref(), Some("1384"));
        assert_eq!(g("030", "190"), None);
        assert_eq!(g("010", "070"), None);
        assert_eq!(g("030", "042"), None);
    }

    #[test]
    fn intents_and_threats() {
        assert_eq!(future_code("042"), Some("036"));
        assert_eq!(future_code("061"), Some("0311"));
        assert_eq!(future_code("0871"), Some("0356"));
        assert_eq!(future_code("1722"), Some("1322"));
        assert_eq!(future_code("195"), Some("1384"));
        assert_eq!(future_code("2041"), Some("1385"));
        assert_eq!(future_code("111"), None);
        assert_eq!(future_code("010"), None);
    }
}
