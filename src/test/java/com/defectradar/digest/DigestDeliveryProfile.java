package com.defectradar.digest;

/**
 * The digest settings of {@link DigestTestProfile} in an application of their own: the delivery tests stop and
 * restart the SMTP server and leave sends in flight, which the mail tests must not inherit.
 */
public class DigestDeliveryProfile extends DigestTestProfile {
}
