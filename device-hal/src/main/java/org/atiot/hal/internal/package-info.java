/** Implementation details of the HAL; not API. */
package org.atiot.hal.internal;
