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

#[cfg(test)]
mod tests {
    use super::future_code;

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
